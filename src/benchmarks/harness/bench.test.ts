import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveProblem } from '../registry.js';
import { runBench } from './bench.js';
import { medianReached } from './summarize.js';
import { scoreRows } from './score.js';
import { problemMarkdown } from './format.js';
import type { BenchSummary, ProblemSummary } from './types.js';

/** An independent, deliberately simple scorer: keeps the front as a list and sweeps it for every k. */
function simpleE(levels: readonly number[], points: readonly [number, number][], hvTrue: number): (number | null)[] {
  const first: (number | null)[] = levels.map(() => null);
  let front: [number, number][] = [];
  points.forEach((point, index) => {
    if (!front.some((other) => other[0] <= point[0] && other[1] <= point[1])) {
      front = front.filter((other) => !(point[0] <= other[0] && point[1] <= other[1]));
      front.push(point);
    }
    const sorted = [...front].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let area = 0;
    let bestY = 1;
    for (const [x, y] of sorted) {
      if (y < bestY) {
        area += (1 - x) * (bestY - y);
        bestY = y;
      }
    }
    levels.forEach((level, at) => {
      if (first[at] === null && area / hvTrue >= level - 1e-12) first[at] = index + 1;
    });
  });
  return first;
}

describe('carve bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carve-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes traces from which an independent scorer recomputes the summary E95/E99/E99.5', async () => {
    const result = await runBench({
      problems: ['nb201/cifar10/eyeriss'],
      tactics: ['random', 'nsga2'],
      seeds: 3,
      budget: 300,
      populationSize: 50,
      parallelism: 1,
      outDir: dir,
    });
    const problem = resolveProblem('nb201/cifar10/eyeriss');
    const reference = problem.reference;
    if (reference === undefined) throw new Error('no reference');
    // Normalisation from the raw table ranges, independently of the problem's own normalise function.
    const [idealError, idealLatency] = reference.ideal as [number, number];
    const [nadirError, nadirLatency] = reference.nadir as [number, number];
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as BenchSummary;
    const traceFiles = readdirSync(join(dir, 'traces'));
    expect(traceFiles).toHaveLength(6);
    for (const tactic of ['random', 'nsga2']) {
      const perSeed: (number | null)[][] = [];
      for (let seed = 0; seed < 3; seed += 1) {
        const text = readFileSync(join(dir, 'traces', `nb201_cifar10_eyeriss__${tactic}__seed${seed}.csv`), 'utf8').trim().split('\n');
        expect(text[0]).toBe('k,native_id,error,latency_ms');
        expect(text).toHaveLength(301);
        const points = text.slice(1).map((line): [number, number] => {
          const cells = line.split(',');
          const error = Number(cells[cells.length - 2]);
          const latency = Number(cells[cells.length - 1]);
          return [(error - idealError) / (nadirError - idealError), (latency - idealLatency) / (nadirLatency - idealLatency)];
        });
        perSeed.push(simpleE([0.95, 0.99, 0.995], points, reference.hvTrue));
      }
      const tacticSummary = summary.problems[0]?.tactics.find((entry) => entry.tactic === tactic);
      expect(tacticSummary).toBeDefined();
      ['E95', 'E99', 'E99.5'].forEach((name, level) => {
        const independent = medianReached(perSeed.map((scores) => scores[level] ?? null));
        expect(tacticSummary?.levels[name]?.median ?? null, `${tactic} ${name}`).toBe(independent);
        expect(tacticSummary?.levels[name]?.reachedCount).toBe(perSeed.filter((scores) => scores[level] !== null).length);
      });
    }
    // The in-memory result and the written summary agree.
    expect(result.summary.problems[0]?.hvTrue).toBeCloseTo(0.989235, 6);
    expect(summary.problems[0]?.frontSize).toBe(19);
    for (const file of ['summary.md', 'index.html', 'nb201_cifar10_eyeriss.png', 'nb201_cifar10_eyeriss.svg']) {
      expect(readdirSync(dir)).toContain(file);
    }
  }, 120_000);

  it('is deterministic: the same seed gives the same trace', async () => {
    const once = await runBench({ problems: ['nb201/cifar100/fpga'], tactics: ['nsga2'], seeds: 1, budget: 120, populationSize: 20, parallelism: 1 });
    const twice = await runBench({ problems: ['nb201/cifar100/fpga'], tactics: ['nsga2'], seeds: 1, budget: 120, populationSize: 20, parallelism: 1 });
    expect(once.traces[0]?.rows.map((row) => row.key)).toEqual(twice.traces[0]?.rows.map((row) => row.key));
  }, 60_000);

  it('--stop-at: a stopped run is a prefix of the full run, ends with the batch that reached the level, and scores it the same', async () => {
    const base = { problems: ['nb201/cifar10/eyeriss'], tactics: ['nsga2'], seeds: 3, budget: 400, populationSize: 50, parallelism: 1 };
    const full = await runBench(base);
    const stopped = await runBench({ ...base, stopAt: 0.99 });
    const problem = resolveProblem('nb201/cifar10/eyeriss');
    let shorter = 0;
    for (const [index, trace] of stopped.traces.entries()) {
      const whole = full.traces[index];
      if (whole === undefined) throw new Error('missing full trace');
      expect(trace.seed).toBe(whole.seed);
      expect(trace.stopAt).toBe(0.99);
      expect(trace.rows.map((row) => row.key)).toEqual(whole.rows.slice(0, trace.rows.length).map((row) => row.key));
      const e99 = scoreRows(problem, whole.rows).reached['E99'];
      if (e99 === null || e99 === undefined) {
        expect(trace.rows).toHaveLength(400);
        continue;
      }
      // Stopped at the end of the batch (population 50) that holds the E99 evaluation.
      expect(trace.rows).toHaveLength(Math.min(400, Math.ceil(e99 / 50) * 50));
      expect(scoreRows(problem, trace.rows).reached['E99']).toBe(e99);
      if (trace.rows.length < 400) shorter += 1;
    }
    expect(shorter).toBeGreaterThan(0);
    const tactic = stopped.summary.problems[0]?.tactics[0];
    expect(tactic?.levels['E99']).toEqual(full.summary.problems[0]?.tactics[0]?.levels['E99']);
    expect(tactic?.levels['E99.5']).toBeUndefined();
    expect(stopped.summary.stopAt).toBe(0.99);
    // The curve ends with the longest stopped run instead of running on to the budget.
    expect(tactic?.curve.median).toHaveLength(Math.max(...stopped.traces.map((trace) => trace.rows.length)));
    expect(problemMarkdown(stopped.summary.problems[0] as ProblemSummary)).toContain('not measured');
  }, 120_000);
});
