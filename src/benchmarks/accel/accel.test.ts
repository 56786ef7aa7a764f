import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toMinimization } from '../../core/objective.js';
import type { Candidate } from '../../evaluators/types.js';
import { resolveDataDir, resolveDataFile } from '../data-dir.js';
import { resolveProblem } from '../registry.js';
import { bruteForceFront } from '../testing/brute-force-front.js';
import { createAccelProblem, type AccelProblem } from './accel-problem.js';
import { accelCodec, accelSpace } from './accel-space.js';
import { ACCEL_TABLE_FILE, loadAccelTable, loadAccelTableFromDataDir } from './accel-table.js';

const dataDir = resolveDataDir();
const accel = (id: string): AccelProblem => resolveProblem(id, { dataDir }) as AccelProblem;

function candidateOf(problem: AccelProblem, genome: readonly number[]): Candidate {
  return { key: problem.space.key(genome), genome, config: problem.codec.toNative(genome) };
}

describe('Accel-NASBench space', () => {
  const space = accelSpace();
  it('has 7 blocks x (e, k, l, se) with the published choices and no conditions', () => {
    expect(space.geneCount).toBe(28);
    expect(space.genes.slice(0, 4).map((gene) => [gene.name, gene.choices])).toEqual([
      ['block0_e', [1, 4, 6]],
      ['block0_k', [3, 5]],
      ['block0_l', [1, 2, 3]],
      ['block0_se', [0, 1]],
    ]);
    expect(space.genes[space.indexOf('block5_l')]?.choices).toEqual([1, 2, 3, 4]);
    expect(space.genes.every((gene) => gene.activeWhen === undefined)).toBe(true);
    expect(space.cardinality()).toBe(36n ** 6n * 48n);
  });
});

describe('Accel-NASBench table (real data)', () => {
  const table = loadAccelTableFromDataDir(dataDir);
  const space = accelSpace();

  it('holds 5,138 rows with ids 0..5137 and 5,125 distinct architectures', () => {
    expect(table.rowCount).toBe(5138);
    expect(table.ids).toEqual(Array.from({ length: 5138 }, (_, id) => id));
    expect(new Set(table.genomes.map((genome) => space.key(genome))).size).toBe(5125);
    expect(table.measurementColumns).toContain('latency_zcu102_mean');
    expect(table.measurementColumns).not.toContain('block0_e');
  });

  it('reads every row\'s block dict back exactly through the codec', () => {
    const lines = readFileSync(resolveDataFile(ACCEL_TABLE_FILE, dataDir), 'utf8').trim().split(/\r?\n/);
    const header = (lines[0] as string).split(',');
    const mismatches: number[] = [];
    for (let row = 0; row < table.rowCount; row += 1) {
      const cells = (lines[row + 1] as string).split(',');
      const native = accelCodec().toNative(table.genomes[row] as readonly number[]) as Record<string, number>;
      const fromFile = Object.fromEntries(space.genes.map((gene) => [gene.name, Number(cells[header.indexOf(gene.name)])]));
      const back = accelCodec().fromNative(fromFile);
      if (JSON.stringify(native) !== JSON.stringify(fromFile) || space.key(back) !== space.key(table.genomes[row] as readonly number[])) {
        mismatches.push(row);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps empty cells missing (NaN), never zero', () => {
    const latency = table.column('latency_zcu102_mean') as Float64Array;
    expect([...latency.keys()].filter((row) => Number.isNaN(latency[row]))).toEqual([9, 67]);
    expect((table.column('throughput_tpuv3_mean') as Float64Array).filter(Number.isNaN)).toHaveLength(44);
    expect(latency.some((value) => value === 0)).toBe(false);
    expect(table.column('no_such_column')).toBeUndefined();
  });
});

describe('accel problems (real data)', () => {
  it('accel/val_top1/latency_zcu102_mean: pool, true front by brute force, HV_true', () => {
    const problem = accel('accel/val_top1/latency_zcu102_mean');
    expect(problem.objectives).toEqual([
      { name: 'val_top1', direction: 'maximize', unit: '%' },
      { name: 'latency_zcu102_mean', direction: 'minimize', unit: 'ms' },
    ]);
    // 5,138 rows - 2 without latency - 13 repeated architectures.
    expect(problem.pool).toHaveLength(5123);
    expect(problem.repeatedCount).toBe(13);
    expect(new Set(problem.pool?.map((genome) => problem.space.key(genome))).size).toBe(5123);
    const points = problem.rows.map((row) => row.values.map((value, index) => toMinimization(value, problem.objectives[index]?.direction ?? 'minimize')));
    const front = bruteForceFront(points).map((position) => problem.rows[position]?.key);
    expect(problem.reference.trueFront.map((entry) => entry.key).sort()).toEqual(front.sort());
    expect(problem.reference.trueFront).toHaveLength(42);
    expect(problem.reference.trueFrontPointCount).toBe(42);
    expect(problem.reference.hvTrue.toFixed(6)).toBe('0.952527');
  });

  it('leaves rows with a missing metric out of the pool, the front and the oracle', async () => {
    const problem = accel('accel/val_top1/latency_zcu102_mean');
    const table = problem.table;
    const poolKeys = new Set(problem.pool?.map((genome) => problem.space.key(genome)));
    for (const row of [9, 67]) expect(poolKeys.has(problem.space.key(table.genomes[row] as readonly number[]))).toBe(false);
    const [result] = await problem.createEvaluator().evaluate([candidateOf(problem, table.genomes[9] as readonly number[])]);
    expect(result).toMatchObject({ ok: false, retryable: false });
    // With TPUv3 throughput, 44 rows lack the value: 5,125 - 44 = 5,081 members (no repeated pair loses both).
    expect(accel('accel/val_top5/throughput_tpuv3_mean').pool).toHaveLength(5081);
  });

  it('throughput is maximised; MACs and params are minimised, in M', () => {
    expect(accel('accel/val_top1/throughput_a100_mean').objectives[1]).toEqual({ name: 'throughput_a100_mean', direction: 'maximize', unit: 'img/s' });
    expect(accel('accel/val_top5/macs_M').objectives[1]).toEqual({ name: 'macs_M', direction: 'minimize', unit: 'M' });
    expect(accel('accel/val_top1/params_M').objectives[1]).toEqual({ name: 'params_M', direction: 'minimize', unit: 'M' });
    const throughput = accel('accel/val_top1/throughput_a100_mean');
    const points = throughput.rows.map((row) => [-(row.values[0] as number), -(row.values[1] as number)]);
    expect(throughput.reference.trueFront).toHaveLength(bruteForceFront(points).length);
    expect(throughput.reference.trueFront).toHaveLength(35);
    expect(throughput.reference.hvTrue.toFixed(6)).toBe('0.810032');
  });

  it('nativeId is the row id; a repeated architecture keeps its first row', () => {
    const problem = accel('accel/val_top1/latency_zcu102_mean');
    const table = problem.table;
    for (const entry of problem.reference.trueFront) {
      const id = Number(problem.reference.nativeId(entry.key));
      expect(problem.space.key(table.genomes[id] as readonly number[])).toBe(entry.key);
      expect(entry.values).toEqual([table.column('val_top1')?.[id], table.column('latency_zcu102_mean')?.[id]]);
    }
    // Rows 0 and 443 hold the same architecture.
    const key = problem.space.key(table.genomes[0] as readonly number[]);
    expect(problem.space.key(table.genomes[443] as readonly number[])).toBe(key);
    expect(problem.reference.nativeId(key)).toBe('0');
    expect(problem.rowOf(key)?.values).toEqual([59.368, 5.02342]);
  });

  it('the evaluator returns the raw row values, and fails genomes outside the pool', async () => {
    const problem = accel('accel/val_top1/latency_zcu102_mean');
    const evaluator = problem.createEvaluator();
    expect(evaluator.id).toBe('table:anb_dataset@1/val_top1/latency_zcu102_mean');
    const outside = new Array<number>(28).fill(0);
    expect(problem.rowOf(problem.space.key(outside))).toBeUndefined();
    const [first, missing] = await evaluator.evaluate([
      candidateOf(problem, problem.table.genomes[1] as readonly number[]),
      candidateOf(problem, outside),
    ]);
    expect(first).toEqual({ ok: true, values: { val_top1: 61.092, latency_zcu102_mean: 4.15173 } });
    expect(missing).toMatchObject({ ok: false, retryable: false });
  });

  it('names unknown columns and lists the valid ones', () => {
    expect(() => accel('accel/val_top3/macs_M')).toThrow(/unknown Accel-NASBench accuracy column "val_top3"/);
    expect(() => accel('accel/val_top1/latency_zcu102_std')).toThrow(expect.objectContaining({ field: '--problem', hint: expect.stringContaining('throughput_vck190_mean') }));
    expect(() => accel('accel/val_top1')).toThrow(expect.objectContaining({ hint: expect.stringContaining('accel/<accuracy>/<metric>') }));
  });
});

describe('accel problems on a small file', () => {
  it('treats an empty cell as missing: the row is not a candidate', () => {
    const text = readFileSync(resolveDataFile(ACCEL_TABLE_FILE, dataDir), 'utf8').split(/\r?\n/).slice(0, 4);
    // Empty the latency of the second data row.
    const header = (text[0] as string).split(',');
    const cells = (text[2] as string).split(',');
    cells[header.indexOf('latency_zcu102_mean')] = '';
    text[2] = cells.join(',');
    const path = join(mkdtempSync(join(tmpdir(), 'carve-accel-')), 'anb.csv');
    writeFileSync(path, `${text.join('\n')}\n`);
    const problem = createAccelProblem(loadAccelTable(path), 'val_top1', 'latency_zcu102_mean');
    expect(problem.table.rowCount).toBe(3);
    expect(problem.rows.map((row) => row.nativeId)).toEqual(['0', '2']);
    expect(problem.pool).toHaveLength(2);
  });
});
