// The one evaluator interface: a batch of candidates in, one result per candidate out (failures are data).

import type { Genome } from '../space/types.js';

export interface Candidate {
  /** Canonical key of the architecture in its space. */
  readonly key: string;
  readonly genome: Genome;
  /** The family's native config (what user code passes to set_active_subnet or equivalent). */
  readonly config: unknown;
}

/** A candidate as the synchronous path sees it: no native config. */
export type SyncCandidate = Pick<Candidate, 'key' | 'genome'>;

export type EvaluationResult =
  | { readonly ok: true; readonly values: Readonly<Record<string, number>>; readonly meta?: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string; readonly retryable: boolean };

export interface Evaluator {
  /** Stable identity, including version and device: measurements are cached and reused under it. */
  readonly id: string;
  /** Objective names this evaluator returns for every successful candidate. */
  readonly provides: readonly string[];
  /** Largest batch it accepts at once (undefined = any). */
  readonly maxBatch?: number;
  /** One result per candidate, same order. Must not throw for a per-candidate failure. */
  evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]>;
  /**
   * The same results computed synchronously, offered only by evaluators whose values are exact and cost
   * (next to) nothing: analytic costs, table lookups. Tactics use it to compute objectives declared with
   * cost 0 for many candidates instead of predicting them. `config` may be absent here.
   */
  evaluateSync?(candidates: readonly SyncCandidate[]): EvaluationResult[];
  close?(): Promise<void>;
}
