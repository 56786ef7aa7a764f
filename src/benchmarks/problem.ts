// A benchmark problem: a space, its objectives, an oracle evaluator and, where the whole table is known, its true front.

import { badInput } from '../core/errors.js';
import type { ObjectiveSpec } from '../core/objective.js';
import { toMinimization } from '../core/objective.js';
import type { Evaluator } from '../evaluators/types.js';
import type { FeatureEncoder, Genome, NativeCodec, SearchSpace } from '../space/types.js';

/** What is known about the whole table of a problem: used to normalise and score runs. */
export interface ProblemReference {
  /** Per objective, in minimisation space: the smallest value over the whole table. */
  readonly ideal: readonly number[];
  /** Per objective, in minimisation space: the largest value over the whole table. */
  readonly nadir: readonly number[];
  /** Every table row on the true Pareto front (duplicated points included), with raw objective values. */
  readonly trueFront: readonly { readonly key: string; readonly values: readonly number[] }[];
  /** Number of distinct objective vectors on the true front. */
  readonly trueFrontPointCount: number;
  /** Exact hypervolume of the true front in normalised space against the reference point (1, …, 1). */
  readonly hvTrue: number;
  /** The dataset-native id of a candidate key (e.g. the NB201 arch_str), as written in traces. */
  nativeId(key: string): string;
}

export interface Problem {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  readonly objectives: readonly ObjectiveSpec[];
  /** The oracle: one call = one true evaluation. */
  createEvaluator(): Evaluator;
  /** Finite list of candidates when the problem allows only those (measured rows); absent = the whole space. */
  readonly pool?: readonly Genome[];
  readonly reference?: ProblemReference;
  /**
   * Objectives cheap enough to query on their own (a latency table, MACs): the cost-aware track lets tactics
   * compute them freely. Absent = every objective but the first (the accuracy the protocol pays for).
   */
  readonly cheapObjectives?: readonly string[];
  /** Predictor features that know the space's semantics (offered to tactics); absent = one-hot of active genes. */
  readonly features?: FeatureEncoder;
  /** Features for models of hardware costs (offered to tactics, see TacticContext.costFeatures). */
  readonly costFeatures?: FeatureEncoder;
}

/** The cheap objectives of a problem (see Problem.cheapObjectives). */
export function cheapObjectivesOf(problem: Problem): readonly string[] {
  return problem.cheapObjectives ?? problem.objectives.slice(1).map((objective) => objective.name);
}

/**
 * Raw objective values turned to minimisation and min-max normalised over the whole table (the scoring space,
 * where every table point lies in [0, 1] per objective). An objective constant over the table maps to 0.
 */
export function normalizeObjectives(problem: Problem, rawValues: readonly number[]): number[] {
  const reference = problem.reference;
  if (reference === undefined) {
    throw badInput('problem', `${problem.id} has no reference table to normalise against`, 'use a problem whose whole table is known');
  }
  if (rawValues.length !== problem.objectives.length) {
    throw badInput(
      'values',
      `${problem.id} has ${problem.objectives.length} objectives (${problem.objectives.map((objective) => objective.name).join(', ')}), got ${rawValues.length} values`,
    );
  }
  return problem.objectives.map((objective, index) => {
    const value = toMinimization(rawValues[index] as number, objective.direction);
    const low = reference.ideal[index] as number;
    const span = (reference.nadir[index] as number) - low;
    return span > 0 ? (value - low) / span : 0;
  });
}
