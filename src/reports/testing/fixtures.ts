// Report data for tests and examples: a small hand-made study with a known front, and seeded synthetic studies.

import { createRng } from '../../core/rng.js';
import type { ReportObjective, ReportTrial, StudyReportData } from '../types.js';

/** Seven trials, one failed, one infeasible (latency bound 30 ms); the front is trials 0, 2 and 5. */
export function smallTwoObjectiveStudy(studyName = 'small-study'): StudyReportData {
  const objectives: ReportObjective[] = [
    { name: 'latency_ms', direction: 'minimize', unit: 'ms', bound: { op: '<=', value: 30 } },
    { name: 'accuracy', direction: 'maximize', unit: '%' },
  ];
  const trial = (
    number: number,
    values: Record<string, number> | null,
    flags: { feasible?: boolean; onFront?: boolean; reason?: string } = {},
  ): ReportTrial => ({
    number,
    key: `k${number}`,
    state: values === null ? 'failed' : 'complete',
    config: { ks: [3, 5, 7].slice(0, (number % 3) + 1), e: number * 2, note: 'a, "quoted" value' },
    values,
    reason: flags.reason ?? null,
    feasible: flags.feasible ?? true,
    onFront: flags.onFront ?? false,
  });
  return {
    studyName,
    problem: 'toy/latency-accuracy',
    tactic: 'random',
    seed: 7,
    objectives,
    trials: [
      trial(0, { latency_ms: 10, accuracy: 70 }, { onFront: true }),
      trial(1, { latency_ms: 14, accuracy: 69 }),
      trial(2, { latency_ms: 20, accuracy: 75.5 }, { onFront: true }),
      trial(3, null, { reason: 'evaluator crashed: "CUDA out of memory",\nbatch=128' }),
      trial(4, { latency_ms: 35, accuracy: 80 }, { feasible: false }),
      trial(5, { latency_ms: 28, accuracy: 78.25 }, { onFront: true }),
      trial(6, { latency_ms: 26, accuracy: 74 }),
    ],
    hypervolumeCurve: [
      { evaluations: 1, hypervolume: 0.2 },
      { evaluations: 3, hypervolume: 0.45 },
      { evaluations: 6, hypervolume: 0.52 },
    ],
    hypervolumeNote: 'normalised to [0, 1] per objective; reference point (1.1, 1.1)',
  };
}

/** Does a dominate b, both already in minimisation form? */
function dominates(first: readonly number[], second: readonly number[]): boolean {
  let strictlyBetter = false;
  for (let index = 0; index < first.length; index += 1) {
    const a = first[index] as number;
    const b = second[index] as number;
    if (a > b) return false;
    if (a < b) strictlyBetter = true;
  }
  return strictlyBetter;
}

/** 2-D hypervolume (both minimised) against a reference point, by a sweep over points sorted by the first value. */
function hypervolume2d(points: readonly (readonly number[])[], reference: readonly [number, number]): number {
  const sorted = points
    .filter((point) => (point[0] as number) < reference[0] && (point[1] as number) < reference[1])
    .sort((first, second) => (first[0] as number) - (second[0] as number));
  let area = 0;
  let ceiling = reference[1];
  for (const point of sorted) {
    const y = point[1] as number;
    if (y < ceiling) {
      area += (reference[0] - (point[0] as number)) * (ceiling - y);
      ceiling = y;
    }
  }
  return area;
}

export interface SyntheticOptions {
  readonly objectives: 2 | 3;
  readonly trials: number;
  readonly seed: number;
  readonly studyName?: string;
}

/**
 * A latency/accuracy(/MACs) study of OFA-like configs: accuracy saturates with latency, trials fall below a
 * known true front, some fail, some violate the 30 ms latency bound. Fronts are computed exactly.
 */
export function syntheticStudy(options: SyntheticOptions): StudyReportData {
  const rng = createRng(options.seed);
  const objectives: ReportObjective[] = [
    { name: 'latency_ms', direction: 'minimize', unit: 'ms', bound: { op: '<=', value: 30 } },
    { name: 'accuracy_top1', direction: 'maximize', unit: '%' },
  ];
  if (options.objectives === 3) objectives.push({ name: 'macs', direction: 'minimize', unit: 'MACs' });
  const trueAccuracy = (latencyMs: number): number => 68 + 12 * (1 - Math.exp(-(latencyMs - 6) / 9));

  const raw: { values: Record<string, number> | null; config: unknown; reason: string | null }[] = [];
  for (let number = 0; number < options.trials; number += 1) {
    const depths = [0, 1, 2, 3, 4].map(() => 2 + rng.int(3));
    const config = {
      ks: depths.flatMap((depth) => Array.from({ length: depth }, () => [3, 5, 7][rng.int(3)] as number)),
      e: depths.flatMap((depth) => Array.from({ length: depth }, () => [3, 4, 6][rng.int(3)] as number)),
      d: depths,
      r: [160, 176, 192, 208, 224][rng.int(5)] as number,
    };
    if (rng.next() < 0.05) {
      raw.push({ values: null, config, reason: rng.next() < 0.5 ? 'evaluator timed out after 600 s' : 'worker lost: "connection reset", retried 3 times' });
      continue;
    }
    const latencyMs = 7 + 33 * rng.next() ** 1.3;
    const accuracy = trueAccuracy(latencyMs) - 3.5 * rng.next() ** 2;
    const values: Record<string, number> = { latency_ms: Number(latencyMs.toFixed(3)), accuracy_top1: Number(accuracy.toFixed(3)) };
    if (options.objectives === 3) values['macs'] = Math.round(1.2e8 + 9e6 * latencyMs + 8e7 * rng.next());
    raw.push({ values, config, reason: null });
  }

  const minimised = (values: Record<string, number>): number[] =>
    objectives.map((objective) => (objective.direction === 'minimize' ? 1 : -1) * (values[objective.name] as number));
  const feasible = raw.map((entry) => entry.values !== null && (entry.values['latency_ms'] as number) <= 30);
  const trials: ReportTrial[] = raw.map((entry, number) => {
    const ownValues = entry.values;
    const onFront =
      ownValues !== null &&
      feasible[number] === true &&
      !raw.some((other, otherNumber) => other.values !== null && feasible[otherNumber] === true && dominates(minimised(other.values), minimised(ownValues)));
    return {
      number,
      key: `ofa-${options.seed}-${number.toString().padStart(4, '0')}`,
      state: ownValues === null ? 'failed' : 'complete',
      config: entry.config,
      values: ownValues,
      reason: entry.reason,
      feasible: ownValues === null ? true : (feasible[number] as boolean),
      onFront,
    };
  });

  // Hypervolume of the feasible points seen so far, in latency/accuracy normalised to [0, 1] (reference 1.1, 1.1).
  const curve: { evaluations: number; hypervolume: number }[] = [];
  const seen: number[][] = [];
  trials.forEach((trial, index) => {
    if (trial.values !== null && trial.feasible) {
      seen.push([((trial.values['latency_ms'] as number) - 7) / 23, (80 - (trial.values['accuracy_top1'] as number)) / 12]);
    }
    if ((index + 1) % 5 === 0 || index === trials.length - 1) {
      curve.push({ evaluations: index + 1, hypervolume: Number(hypervolume2d(seen, [1.1, 1.1]).toFixed(6)) });
    }
  });

  const trueFront = Array.from({ length: 41 }, (_, step) => {
    const latencyMs = 6 + (24 * step) / 40;
    const values: Record<string, number> = { latency_ms: latencyMs, accuracy_top1: trueAccuracy(latencyMs) };
    if (options.objectives === 3) values['macs'] = 1.2e8 + 9e6 * latencyMs;
    return { values };
  });

  return {
    studyName: options.studyName ?? `ofa-synthetic-${options.objectives}obj`,
    title: `OFA MobileNetV3 (synthetic), ${options.objectives} objectives`,
    problem: 'synthetic/ofa-mbv3',
    tactic: 'linas',
    seed: options.seed,
    storage: 'sqlite:carve.db',
    createdAt: '2025-01-01T00:00:00.000Z',
    objectives,
    trials,
    hypervolumeCurve: curve,
    hypervolumeNote: 'latency and accuracy normalised to [0, 1]; reference point (1.1, 1.1)',
    trueFront,
  };
}
