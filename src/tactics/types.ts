// The Tactic contract: how a study's budget of true evaluations is spent, one batch at a time.

import type { ObjectiveSpec } from '../core/objective.js';
import type { Rng } from '../core/rng.js';
import type { FeatureEncoder, Genome, SearchSpace } from '../space/types.js';

/** The result of one proposed candidate, as the tactic sees it. */
export interface Observation {
  readonly genome: Genome;
  readonly key: string;
  /** Raw objective values in the study's objective order; null when the evaluation failed. */
  readonly values: readonly number[] | null;
  /** The same values turned to minimisation; null when failed. */
  readonly objectives: readonly number[] | null;
  /** Total bound violation (0 = feasible); Infinity when failed. */
  readonly violation: number;
}

export interface ProposalContext {
  /** The budget the study was created with (fixed for its life, so proposals stay reproducible). */
  readonly plannedEvaluations: number;
  /** True evaluations spent so far. */
  readonly evaluationsSoFar: number;
}

/**
 * A tactic proposes a batch of canonical genomes, then observes the results of exactly that batch (in the
 * order proposed, minus duplicates the study already knew, whose known results are included) before it is
 * asked again. It must be deterministic for a given seed and sequence of observations: the study resumes
 * after a crash by replaying the stored history through a fresh tactic.
 */
export interface Tactic {
  readonly name: string;
  /** An empty batch means the tactic has nothing left to propose (space exhausted). */
  propose(context: ProposalContext): Genome[];
  observe(batch: readonly Observation[]): void;
  /** What the last propose() decided (models chosen, their cross-validated quality, …), stored on the study. */
  describeLastProposal?(): Readonly<Record<string, unknown>> | undefined;
}

/**
 * Objectives the tactic may compute itself, exactly and at no cost: those declared with cost 0 whose evaluator
 * offers a synchronous path (analytic MACs/params, table lookups in a benchmark's cost-aware track).
 */
export interface ExactObjectives {
  /** Positions in the study's objective order. */
  readonly indices: readonly number[];
  /** Minimisation-form values at `indices` for each genome, null where they cannot be computed. */
  evaluate(genomes: readonly Genome[], keys?: readonly string[]): (number[] | null)[];
  /** Candidates computed so far (the cost-aware track reports it). */
  readonly queries: number;
}

export interface TacticContext {
  readonly space: SearchSpace;
  readonly objectives: readonly ObjectiveSpec[];
  readonly rng: Rng;
  readonly populationSize: number;
  /** A finite list of allowed candidates (pool problems); absent = the whole space. */
  readonly pool?: readonly Genome[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly exact?: ExactObjectives;
  /** Predictor features the space's owner offers (e.g. a cell's effective operations); absent = one-hot of active genes. */
  readonly features?: FeatureEncoder;
  /**
   * Features the space's owner offers for models of hardware costs, seen by models named '/counts' (e.g. how many
   * of each operation an NB201 cell holds as written and how many it executes); absent = the 'counts' encoding.
   */
  readonly costFeatures?: FeatureEncoder;
}

export type TacticFactory = (context: TacticContext) => Tactic;
