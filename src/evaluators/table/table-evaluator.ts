// An evaluator that looks measured values up in a table (benchmarks): a missing row or value is a failure, never a zero.

import { badInput } from '../../core/errors.js';
import type { Candidate, EvaluationResult, Evaluator, SyncCandidate } from '../types.js';

/** Looks one candidate up (its config is absent on the synchronous path); null or undefined = no row for it. */
export type TableLookup = (candidate: Candidate | SyncCandidate) => Readonly<Record<string, number | null | undefined>> | null | undefined;

export interface TableEvaluatorOptions {
  /** Stable identity including the table and its version, e.g. `table:nb201_acc_latency@1/cifar10/pixel3`. */
  readonly id: string;
  /** Objective names every successful result carries. */
  readonly provides: readonly string[];
  readonly lookup: TableLookup;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class TableEvaluator implements Evaluator {
  readonly id: string;
  readonly provides: readonly string[];
  private readonly lookup: TableLookup;

  constructor(options: TableEvaluatorOptions) {
    if (options.id.trim() === '') {
      throw badInput('id', 'a table evaluator needs a non-empty id', 'name the table and its version, e.g. table:nb201_acc_latency@1');
    }
    if (options.provides.length === 0) {
      throw badInput('provides', 'a table evaluator must provide at least one objective');
    }
    const seen = new Set<string>();
    for (const name of options.provides) {
      if (seen.has(name)) throw badInput('provides', `objective "${name}" is listed twice`);
      seen.add(name);
    }
    this.id = options.id;
    this.provides = Object.freeze([...options.provides]);
    this.lookup = options.lookup;
  }

  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    return candidates.map((candidate) => this.evaluateOne(candidate));
  }

  evaluateSync(candidates: readonly SyncCandidate[]): EvaluationResult[] {
    return candidates.map((candidate) => this.evaluateOne(candidate));
  }

  private evaluateOne(candidate: Candidate | SyncCandidate): EvaluationResult {
    let row: ReturnType<TableLookup>;
    try {
      row = this.lookup(candidate);
    } catch (error) {
      // A candidate the table cannot even address (bad genome or config) is that candidate's failure alone.
      return { ok: false, reason: `${this.id}: cannot look up ${candidate.key}: ${describeError(error)}`, retryable: false };
    }
    if (row === null || row === undefined) {
      return {
        ok: false,
        reason: `${this.id}: no row for ${candidate.key}, so no ${this.provides.join(', ')}`,
        retryable: false,
      };
    }
    const values: Record<string, number> = {};
    for (const name of this.provides) {
      const value = row[name];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return {
          ok: false,
          reason: `${this.id}: objective "${name}" is missing for ${candidate.key} (the table has no value there)`,
          retryable: false,
        };
      }
      values[name] = value;
    }
    return { ok: true, values };
  }
}
