import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';
import { runBenchmark } from './harness/run-one.js';
import { resolveProblem } from './registry.js';

const dataDir = resolveDataDir();

describe('benchmark runs on pool problems (real data)', () => {
  for (const { problem, tactic } of [
    { problem: 'ofa-mbv3-logs', tactic: 'nsga2' },
    { problem: 'accel/val_top1/latency_zcu102_mean', tactic: 'random' },
    { problem: 'accel/val_top1/latency_zcu102_mean', tactic: 'nsga2-uniform' },
  ]) {
    it(`${tactic} on ${problem} evaluates distinct pool members only, traced by their native ids`, async () => {
      const resolved = resolveProblem(problem, { dataDir });
      const poolKeys = new Set(resolved.pool?.map((genome) => resolved.space.key(genome)));
      const trace = await runBenchmark({ problem, tactic, seed: 1, budget: 150, populationSize: 50, dataDir });
      expect(trace.rows).toHaveLength(150);
      expect(trace.rows.every((row) => poolKeys.has(row.key))).toBe(true);
      expect(new Set(trace.rows.map((row) => row.key)).size).toBe(150);
      for (const row of trace.rows.slice(0, 10)) expect(row.nativeId).toBe(resolved.reference?.nativeId(row.key));
    });
  }
});
