// Choosing a predictor per objective by k-fold cross-validation: rank agreement first, then error, then cost.

import type { Rng } from '../core/rng.js';
import { CarveError, badInput, isCarveError } from '../core/errors.js';
import { packTrainingData } from './common/dataset.js';
import { foldAssignments } from './common/random.js';
import { kendallTau } from './metrics/rank-correlation.js';
import { rmse } from './metrics/regression-error.js';
import type { Predictor, PredictorFactory } from './types.js';

export interface PredictorCandidate {
  readonly name: string;
  readonly factory: PredictorFactory;
  /** Relative training cost, used only to break exact ties (lower wins); default: position in the list. */
  readonly relativeCost?: number;
}

export interface CandidateScore {
  readonly name: string;
  /** Kendall tau-b of the out-of-fold predictions against the targets; 0 when undefined (constant predictions). */
  readonly tau: number;
  /** RMSE of the out-of-fold predictions, in target units. */
  readonly rmse: number;
  /** Wall time of all fold fits and predictions, for reporting only (never used to choose). */
  readonly fitMs: number;
  /** Set when the candidate failed (tau and rmse are then NaN). */
  readonly error?: string;
  /** Out-of-fold predictions, row by row (absent when the candidate failed). */
  readonly outOfFold?: Float64Array;
}

export interface SelectionOptions {
  /** Number of folds; default 5. With fewer rows than folds, leave-one-out. */
  readonly folds?: number;
  readonly rng: Rng;
  /** Taus closer than this count as equal; default 1e-9. */
  readonly tauTolerance?: number;
  /** Milliseconds clock for fitMs; default performance.now. */
  readonly clock?: () => number;
}

export interface SelectionResult {
  readonly name: string;
  /** The chosen candidate refitted on all rows. */
  readonly predictor: Predictor;
  readonly cvKendallTau: number;
  readonly cvRmse: number;
  /** The chosen candidate's out-of-fold predictions, row by row (what its errors on unseen rows look like). */
  readonly outOfFold: Float64Array;
  /** Scores in the order of the candidates given. */
  readonly perCandidate: readonly CandidateScore[];
}

/** Out-of-fold predictions of one factory: row i is predicted by a model that never saw it. */
export function crossValidatedPredictions(
  factory: PredictorFactory,
  features: readonly Float64Array[],
  targets: readonly number[],
  folds: Int32Array,
  rng: Rng,
): Float64Array {
  const foldCount = folds.reduce((largest, fold) => Math.max(largest, fold + 1), 0);
  const predictions = new Float64Array(targets.length);
  for (let fold = 0; fold < foldCount; fold += 1) {
    const trainFeatures: Float64Array[] = [];
    const trainTargets: number[] = [];
    const testRows: number[] = [];
    for (let row = 0; row < targets.length; row += 1) {
      if (folds[row] === fold) testRows.push(row);
      else {
        trainFeatures.push(features[row] as Float64Array);
        trainTargets.push(targets[row] as number);
      }
    }
    if (testRows.length === 0) continue;
    const predictor = factory(rng.fork());
    predictor.fit(trainFeatures, trainTargets);
    const foldPredictions = predictor.predict(testRows.map((row) => features[row] as Float64Array));
    testRows.forEach((row, position) => {
      predictions[row] = foldPredictions[position] as number;
    });
  }
  return predictions;
}

function checkCandidates(candidates: readonly PredictorCandidate[]): void {
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw badInput('candidates', 'no predictor candidates', 'give at least one { name, factory }, e.g. defaultPredictorCandidates()');
  }
  const seen = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (typeof candidate?.name !== 'string' || typeof candidate.factory !== 'function') {
      throw badInput(`candidates[${index}]`, 'is not a { name, factory } pair', 'give a name and a (rng) => Predictor factory');
    }
    if (seen.has(candidate.name)) throw badInput(`candidates[${index}].name`, `"${candidate.name}" appears twice`, 'give each candidate its own name');
    seen.add(candidate.name);
  });
}

/**
 * Scores every candidate by k-fold CV on the same folds, picks the best and refits it on all rows.
 * Order: higher tau; within `tauTolerance`, lower RMSE; then lower relativeCost; then earlier in the list.
 * A candidate whose fit throws (other than BAD_INPUT, which is the caller's to fix) is recorded and skipped.
 */
export function selectPredictor(
  candidates: readonly PredictorCandidate[],
  features: readonly Float64Array[],
  targets: readonly number[],
  options: SelectionOptions,
): SelectionResult {
  checkCandidates(candidates);
  packTrainingData(features, targets);
  const rng = options.rng;
  const requestedFolds = options.folds ?? 5;
  if (!Number.isInteger(requestedFolds) || requestedFolds < 2) {
    throw badInput('folds', `${requestedFolds} is not a valid fold count`, 'use an integer >= 2');
  }
  if (targets.length < 2) {
    throw badInput('targets', 'cross-validation needs at least 2 rows', 'evaluate more candidates before selecting a predictor');
  }
  const tolerance = options.tauTolerance ?? 1e-9;
  const clock = options.clock ?? (() => performance.now());
  const folds = foldAssignments(targets.length, Math.min(requestedFolds, targets.length), rng);

  const scores: CandidateScore[] = [];
  for (const candidate of candidates) {
    const candidateRng = rng.fork();
    const started = clock();
    try {
      const predictions = crossValidatedPredictions(candidate.factory, features, targets, folds, candidateRng);
      const tau = kendallTau(predictions, targets);
      scores.push({
        name: candidate.name,
        tau: Number.isNaN(tau) ? 0 : tau,
        rmse: rmse(predictions, targets),
        fitMs: clock() - started,
        outOfFold: predictions,
      });
    } catch (error) {
      if (isCarveError(error) && error.code === 'BAD_INPUT') throw error;
      const message = error instanceof Error ? error.message : String(error);
      scores.push({ name: candidate.name, tau: Number.NaN, rmse: Number.NaN, fitMs: clock() - started, error: message });
    }
  }

  let bestIndex = -1;
  candidates.forEach((candidate, index) => {
    const score = scores[index] as CandidateScore;
    if (score.error !== undefined) return;
    if (bestIndex < 0) {
      bestIndex = index;
      return;
    }
    const best = scores[bestIndex] as CandidateScore;
    if (score.tau > best.tau + tolerance) bestIndex = index;
    else if (Math.abs(score.tau - best.tau) <= tolerance) {
      if (score.rmse < best.rmse) bestIndex = index;
      else if (score.rmse === best.rmse) {
        const cost = candidate.relativeCost ?? index;
        const bestCost = (candidates[bestIndex] as PredictorCandidate).relativeCost ?? bestIndex;
        if (cost < bestCost) bestIndex = index;
      }
    }
  });
  if (bestIndex < 0) {
    throw new CarveError('INTERNAL', `every predictor candidate failed: ${scores.map((score) => `${score.name}: ${score.error}`).join('; ')}`, {
      field: 'candidates',
    });
  }
  const chosen = candidates[bestIndex] as PredictorCandidate;
  const chosenScore = scores[bestIndex] as CandidateScore;
  const predictor = chosen.factory(rng.fork());
  predictor.fit(features, targets);
  return {
    name: chosen.name,
    predictor,
    cvKendallTau: chosenScore.tau,
    cvRmse: chosenScore.rmse,
    outOfFold: chosenScore.outOfFold as Float64Array,
    perCandidate: scores,
  };
}
