// Scores a run by the benchmark protocol: HV of everything evaluated so far over HV_true, E95/E99/E99.5.

import { hypervolumeCurve } from '../../indicators/index.js';
import { normalizeObjectives, type Problem } from '../problem.js';
import { CHECKPOINTS, LEVELS, type RunScore, type TraceRow } from './types.js';

/** The protocol's tolerance when comparing a ratio with a level. */
const TOLERANCE = 1e-12;

export function levelName(level: number): string {
  return `E${Math.round(level * 1000) / 10}`;
}

export function scoreRows(problem: Problem, rows: readonly TraceRow[]): RunScore {
  const reference = problem.reference;
  if (reference === undefined) throw new Error(`${problem.id} has no reference front to score against`);
  const points = rows.map((row) => normalizeObjectives(problem, row.values));
  const curve = points.length === 0 ? [] : hypervolumeCurve(points, problem.objectives.map(() => 1));
  const hvRatio = curve.map((value) => value / reference.hvTrue);
  const reached: Record<string, number | null> = {};
  for (const level of LEVELS) {
    const index = hvRatio.findIndex((ratio) => ratio >= level - TOLERANCE);
    reached[levelName(level)] = index < 0 ? null : index + 1;
  }
  const at: Record<string, number | null> = {};
  for (const k of CHECKPOINTS) at[String(k)] = k <= hvRatio.length ? (hvRatio[k - 1] as number) : null;
  return { hvRatio, reached, at, uniqueEvaluations: new Set(rows.map((row) => row.key)).size };
}
