// Medians and ranges over seeds: the per-tactic figures of the protocol's table.

import { CHECKPOINTS, LEVELS, type ProblemSummary, type RunScore, type RunTrace, type Spread, type TacticSummary } from './types.js';
import { levelName } from './score.js';

/** Median where null means "not reached" (infinitely late); null when the median itself is not reached. */
export function medianReached(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.map((value) => (value === null ? Number.POSITIVE_INFINITY : value)).sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return Number.isFinite(median) ? median : null;
}

export function spreadOf(values: readonly (number | null)[]): Spread {
  const reachedValues = values.filter((value): value is number => value !== null);
  const anyMissing = reachedValues.length < values.length;
  return {
    median: medianReached(values),
    min: reachedValues.length === 0 ? null : Math.min(...reachedValues),
    max: anyMissing || reachedValues.length === 0 ? null : Math.max(...reachedValues),
    reachedCount: reachedValues.length,
    runs: values.length,
  };
}

function plainMedian(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface ScoredRun {
  readonly trace: RunTrace;
  readonly score: RunScore;
}

/**
 * Figures over seeds for one tactic. With `stopAt` (runs stopped once they reached that level), levels above it
 * are left out (not measured) and an HV@k is given only when every run got to k.
 */
export function summarizeTactic(tactic: string, runs: readonly ScoredRun[], frontSize: number, budget: number, stopAt?: number): TacticSummary {
  const levels: Record<string, Spread> = {};
  for (const level of LEVELS) {
    if (stopAt !== undefined && level > stopAt + 1e-12) continue;
    levels[levelName(level)] = spreadOf(runs.map((run) => run.score.reached[levelName(level)] ?? null));
  }
  const hvRatioAt: Record<string, { median: number | null; min: number | null; max: number | null }> = {};
  for (const k of CHECKPOINTS) {
    const all = runs.map((run) => run.score.at[String(k)]);
    const values = all.filter((value): value is number => value !== null && value !== undefined);
    const partial = stopAt !== undefined && values.length < all.length;
    hvRatioAt[String(k)] =
      values.length === 0 || partial
        ? { median: null, min: null, max: null }
        : { median: plainMedian(values), min: Math.min(...values), max: Math.max(...values) };
  }
  const unique = runs.map((run) => run.score.uniqueEvaluations);
  const perIteration = runs.flatMap((run) => run.trace.machineryMsPerIteration);
  const perRun = runs.map((run) => run.trace.machineryMsTotal);
  const median: number[] = [];
  const min: number[] = [];
  const max: number[] = [];
  // Stopped runs (stopAt): the curves end with the longest run instead of running on flat to the budget.
  const length = stopAt === undefined ? budget : Math.max(0, ...runs.map((run) => run.score.hvRatio.length));
  for (let k = 0; k < length; k += 1) {
    const values = runs.map((run) => {
      const curve = run.score.hvRatio;
      return curve.length === 0 ? 0 : (curve[Math.min(k, curve.length - 1)] as number);
    });
    median.push(plainMedian(values));
    min.push(Math.min(...values));
    max.push(Math.max(...values));
  }
  const e99 = levels['E99']?.median ?? null;
  return {
    tactic,
    levels,
    e99PerFrontSize: e99 === null ? null : e99 / frontSize,
    hvRatioAt,
    uniqueEvaluations: { median: plainMedian(unique), min: Math.min(...unique), max: Math.max(...unique) },
    machineryMsPerIteration: { median: plainMedian(perIteration), max: perIteration.length === 0 ? 0 : Math.max(...perIteration) },
    machineryMsPerRun: { median: plainMedian(perRun), max: Math.max(...perRun) },
    cheapQueries: plainMedian(runs.map((run) => run.trace.cheapQueries ?? 0)),
    curve: { median, min, max },
  };
}

export function summarizeProblem(
  problem: { id: string; frontSize: number; frontPointCount: number; hvTrue: number },
  runsByTactic: ReadonlyMap<string, readonly ScoredRun[]>,
  budget: number,
  stopAt?: number,
): ProblemSummary {
  return {
    problem: problem.id,
    frontSize: problem.frontSize,
    frontPointCount: problem.frontPointCount,
    hvTrue: problem.hvTrue,
    tactics: [...runsByTactic.entries()].map(([tactic, runs]) => summarizeTactic(tactic, runs, problem.frontSize, budget, stopAt)),
  };
}
