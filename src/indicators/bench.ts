// Timings of the indicators on large seeded sets (run by scripts/bench-hypervolume.mjs after a build).

import { createRng, type Rng } from '../core/rng.js';
import { hypervolume } from './hypervolume.js';
import { hypervolumeCurve } from './hypervolume-tracker.js';
import { nonDominatedSort } from './non-dominated-sort.js';
import { paretoFrontIndices } from './pareto-front.js';

export interface HypervolumeBenchmarkOptions {
  /** Timed runs per case; the median is reported. */
  readonly repeats?: number;
  /** Scales every set size (e.g. 0.01 for a smoke run). */
  readonly scale?: number;
  readonly seed?: number;
  /** Called with each finished case, e.g. to print progress. */
  readonly onResult?: (name: string, value: number) => void;
}

/** Points on the positive part of the unit sphere: mutually non-dominated, so every one is on the front. */
export function sphereFront(rng: Rng, count: number, dimension: number): number[][] {
  const points: number[][] = [];
  for (let row = 0; row < count; row += 1) {
    const raw: number[] = [];
    let squares = 0;
    for (let column = 0; column < dimension; column += 1) {
      const radius = Math.sqrt(-2 * Math.log(1 - rng.next()));
      const value = Math.abs(radius * Math.cos(2 * Math.PI * rng.next())) + 1e-12;
      raw.push(value);
      squares += value * value;
    }
    const norm = Math.sqrt(squares);
    points.push(raw.map((value) => value / norm));
  }
  return points;
}

/** Median and fastest of `repeats` timed runs (the fastest shows the cost on a quiet machine). */
function timeRuns(repeats: number, run: () => unknown): { medianMs: number; fastestMs: number } {
  const times: number[] = [];
  for (let k = 0; k < repeats; k += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, fastestMs: times[0] as number };
}

/**
 * Median wall time (`<case>_ms`) and fastest run (`<case>_fastest_ms`) of each case, plus the hypervolume values computed (keys ending in `_value`,
 * which tend to 1 - pi/4 in 2-D and 1 - pi/6 in 3-D for dense sphere fronts with reference 1).
 */
export async function runHypervolumeBenchmark(options: HypervolumeBenchmarkOptions = {}): Promise<Record<string, number>> {
  const repeats = options.repeats ?? 5;
  const scale = options.scale ?? 1;
  const rng = createRng(options.seed ?? 20240601);
  const results: Record<string, number> = {};
  const record = (name: string, value: number): void => {
    results[name] = value;
    options.onResult?.(name, value);
  };
  const time = (name: string, run: () => unknown): void => {
    const { medianMs, fastestMs } = timeRuns(repeats, run);
    record(`${name}_ms`, medianMs);
    record(`${name}_fastest_ms`, fastestMs);
  };
  const size = (count: number): number => Math.max(1, Math.round(count * scale));
  const ones = (dimension: number): number[] => new Array<number>(dimension).fill(1);
  // Yield between cases so that a caller can print progress.
  const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  const flat = sphereFront(rng, size(1_000_000), 2);
  time('hv2d_1M', () => hypervolume(flat, ones(2)));
  record('hv2d_1M_value', hypervolume(flat, ones(2)));
  time('pareto2d_1M', () => paretoFrontIndices(flat));
  await pause();
  const mixed = flat.map((point, row) => (row % 2 === 0 ? point : [(point[0] as number) + 0.5, (point[1] as number) + 0.5]));
  time('nds2d_1M_two_fronts', () => nonDominatedSort(mixed));
  await pause();

  const solid = sphereFront(rng, size(100_000), 3);
  time('hv3d_100k', () => hypervolume(solid, ones(3)));
  record('hv3d_100k_value', hypervolume(solid, ones(3)));
  time('pareto3d_100k', () => paretoFrontIndices(solid));
  await pause();

  for (const [dimension, count] of [[4, 300], [5, 300], [6, 100]] as const) {
    const points = sphereFront(rng, size(count), dimension);
    time(`hv${dimension}d_${size(count)}`, () => hypervolume(points, ones(dimension)));
    await pause();
  }

  // Hypervolume after every evaluation of a 500-evaluation trace (uniform points: the front changes often early on).
  for (const dimension of [2, 3, 4]) {
    const trace = Array.from({ length: 500 }, () => Array.from({ length: dimension }, () => rng.next()));
    time(`curve${dimension}d_500`, () => hypervolumeCurve(trace, ones(dimension)));
  }
  return results;
}
