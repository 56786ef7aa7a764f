// The candidates of one evaluate() call: deduplicated by key, configs serialised once, one result slot per position.

import type { Candidate, EvaluationResult } from '../types.js';
import { type EncodedCandidate, configJson, resultKey } from './protocol.js';

/** One distinct key to evaluate; every position of the call that holds this key gets its result. */
export interface CandidateJob extends EncodedCandidate {
  readonly positions: number[];
  /** Requests that carried it and were interrupted (crash, timeout). */
  interruptions: number;
}

export class CandidateBatch {
  readonly jobs: CandidateJob[] = [];
  private readonly slots: (EvaluationResult | undefined)[];

  constructor(candidates: readonly Candidate[]) {
    this.slots = new Array<EvaluationResult | undefined>(candidates.length).fill(undefined);
    const byKey = new Map<string, CandidateJob>();
    candidates.forEach((candidate, position) => {
      const known = byKey.get(candidate.key);
      if (known !== undefined) {
        known.positions.push(position);
        return;
      }
      const encoded = configJson(candidate.config);
      if (!encoded.ok) {
        this.slots[position] = { ok: false, reason: encoded.reason, retryable: false };
        return;
      }
      const job: CandidateJob = { key: candidate.key, configJson: encoded.json, positions: [position], interruptions: 0 };
      byKey.set(candidate.key, job);
      this.jobs.push(job);
    });
  }

  settle(job: CandidateJob, result: EvaluationResult): void {
    for (const position of job.positions) this.slots[position] = result;
  }

  isSettled(job: CandidateJob): boolean {
    return job.positions.every((position) => this.slots[position] !== undefined);
  }

  /** Fails every candidate still without a result. */
  failRemaining(reason: string, retryable: boolean): void {
    for (const job of this.jobs) if (!this.isSettled(job)) this.settle(job, { ok: false, reason, retryable });
  }

  /** One result per candidate, in order (an unsettled slot cannot remain, but would read as a failure). */
  results(): EvaluationResult[] {
    return this.slots.map((slot) => slot ?? { ok: false, reason: 'the external evaluator produced no result for this candidate', retryable: false });
  }
}

/** Why a candidate got no result although its request was answered. */
export function missingResultReason(requestId: number, unknownKeys: readonly string[], malformedCount: number): string {
  let reason = `the evaluator answered request ${requestId} without a result for this candidate`;
  if (unknownKeys.length > 0) {
    const shown = unknownKeys.slice(0, 3).map((key) => JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key));
    reason += `; it sent results for unknown keys ${shown.join(', ')}${unknownKeys.length > 3 ? ` and ${unknownKeys.length - 3} more` : ''} (results must echo each candidate's "key" unchanged)`;
  }
  if (malformedCount > 0) reason += `; ${malformedCount} of its results had no "key"`;
  return reason;
}

/** Collected answers of one request, matched by key (results may come in any order and over several lines). */
export interface AnswerSheet {
  readonly keys: ReadonlySet<string>;
  readonly answers: Map<string, unknown>;
  readonly unknownKeys: string[];
  malformedCount: number;
}

export function newAnswerSheet(keys: Iterable<string>): AnswerSheet {
  return { keys: new Set(keys), answers: new Map(), unknownKeys: [], malformedCount: 0 };
}

/** Files each raw result under its key; returns keys answered twice (the first answer is kept). */
export function absorbResults(sheet: AnswerSheet, results: readonly unknown[]): string[] {
  const duplicates: string[] = [];
  for (const raw of results) {
    const key = resultKey(raw);
    if (key === null) sheet.malformedCount += 1;
    else if (!sheet.keys.has(key)) sheet.unknownKeys.push(key);
    else if (sheet.answers.has(key)) duplicates.push(key);
    else sheet.answers.set(key, raw);
  }
  return duplicates;
}
