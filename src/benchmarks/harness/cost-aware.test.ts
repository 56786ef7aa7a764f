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
    const request = { problem: 'nb201/cifar10/eyeriss', seed: 1, budget: 45, populationSize: 50, tacticOptions: { innerEvaluations: 300 } };
    const plain = await runBenchmark({ ...request, tactic: 'carve' });
    const cheap = await runBenchmark({ ...request, tactic: 'carve:cost-aware' });
    expect(plain.cheapQueries).toBe(0);
    expect(cheap.tactic).toBe('carve:cost-aware');
    expect(cheap.rows.length).toBe(45);
    expect(new Set(cheap.rows.map((row) => row.key)).size).toBe(45);
    expect(cheap.cheapQueries).toBeGreaterThanOrEqual(2 * 300);
    // Same seed and initial design; the batches after it differ because latency is no longer predicted.
    expect(cheap.rows.slice(0, 15).map((row) => row.key)).toEqual(plain.rows.slice(0, 15).map((row) => row.key));
    expect(cheap.rows.slice(15).map((row) => row.key)).not.toEqual(plain.rows.slice(15).map((row) => row.key));
  });
});
