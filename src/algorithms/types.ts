// Types shared by the multi-objective algorithms: evaluated individuals and the ask/tell contract.

import type { Genome } from '../space/types.js';

/** An evaluated candidate as algorithms see it: every objective minimised, constraint violation >= 0. */
export interface Individual {
  readonly genome: Genome;
  readonly key: string;
  /** Objective values, all to be minimised. */
  readonly objectives: readonly number[];
  /** Total constraint violation; 0 means feasible. */
  readonly violation: number;
}

/**
 * A population-based optimiser driven by ask/tell. `ask()` returns the next batch of canonical genomes to
 * evaluate (never a key it has already asked); `tell()` receives their evaluations in any order, possibly
 * fewer than asked (failed candidates are dropped). Deterministic for a given seed and sequence of tells.
 */
export interface Algorithm {
  readonly name: string;
  ask(): Genome[];
  tell(evaluated: readonly Individual[]): void;
  /** Current population (after survival). */
  population(): readonly Individual[];
  /** Keys of everything ever asked (for duplicate elimination). */
  readonly seenKeys: ReadonlySet<string>;
}
