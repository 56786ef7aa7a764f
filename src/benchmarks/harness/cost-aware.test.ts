// The cost-aware track: cheap objectives become free for the tactic; the oracle still counts every call.

import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../registry.js';
import { benchObjectives, parseBenchTactic, runBenchmark } from './run-one.js';

describe('cost-aware track', () => {
  it('reads the :cost-aware suffix of a bench label', () => {
    expect(parseBenchTactic('carve')).toEqual({ tactic: 'carve', costAware: false });
    expect(parseBenchTactic('carve:cost-aware')).toEqual({ tactic: 'carve', costAware: true });
  });

  it('gives only the cheap objectives (NB201 latency) cost 0', () => {
    const problem = resolveProblem('nb201/cifar10/eyeriss', {});
    expect(benchObjectives(problem, false)).toBe(problem.objectives);
    const costAware = benchObjectives(problem, true);
    expect(costAware.map((objective) => [objective.name, objective.cost])).toEqual([
      ['error', undefined],
      ['latency_ms', 0],
    ]);
  });

  it('lets carve compute latency on its own and counts those queries apart from the oracle calls', async () => {
    // carve's defaults: a first batch of 20 random cells, then batches of 10 from predictions of every unseen cell.
    const request = { problem: 'nb201/cifar10/eyeriss', seed: 1, budget: 40, populationSize: 50 };
    const plain = await runBenchmark({ ...request, tactic: 'carve' });
    const cheap = await runBenchmark({ ...request, tactic: 'carve:cost-aware' });
    expect(plain.cheapQueries).toBe(0);
    expect(cheap.tactic).toBe('carve:cost-aware');
    expect(cheap.rows.length).toBe(40);
    expect(new Set(cheap.rows.map((row) => row.key)).size).toBe(40);
    // Two model iterations, each computing the latency of every one of the 15,625 cells not yet validated and
    // not degenerate (341 cells have no input-to-output path and are never proposed).
    expect(cheap.cheapQueries).toBeGreaterThanOrEqual(2 * (15625 - 341 - 30));
    // Same seed and initial design; the batches after it differ because latency is no longer predicted.
    expect(cheap.rows.slice(0, 20).map((row) => row.key)).toEqual(plain.rows.slice(0, 20).map((row) => row.key));
    expect(cheap.rows.slice(20).map((row) => row.key)).not.toEqual(plain.rows.slice(20).map((row) => row.key));
  });
});
