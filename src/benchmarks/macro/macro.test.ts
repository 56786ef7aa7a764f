import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../evaluators/types.js';
import { readCsvFile } from '../csv.js';
import { resolveDataDir, resolveDataFile } from '../data-dir.js';
import { resolveProblem } from '../registry.js';
import { bruteForceFront } from '../testing/brute-force-front.js';
import type { MacroProblem } from './macro-problem.js';
import { MACRO_NETWORK_COUNT, archToGenome, genomeToArch, macroCodec, macroSpace } from './macro-space.js';
import { MACRO_TABLE_FILE, loadMacroTableFromDataDir } from './macro-table.js';

const dataDir = resolveDataDir();
const macro = (id: string): MacroProblem => resolveProblem(id, { dataDir }) as MacroProblem;

/** All 3^8 arch strings. */
function allArchs(): string[] {
  return Array.from({ length: 3 ** 8 }, (_, code) => code.toString(3).padStart(8, '0'));
}

describe('NAS-Bench-Macro space', () => {
  const space = macroSpace();

  it('has one canonical genome per distinct network: 3,969', () => {
    expect(space.cardinality()).toBe(BigInt(MACRO_NETWORK_COUNT));
    expect(new Set(allArchs().map((arch) => space.key(archToGenome(arch)))).size).toBe(3969);
  });

  it('merges layer orders that differ only by where the no-op identities sit inside a stage', () => {
    // Stage 2 is layers 3-5: "0 0 1" and "0 1 0" are one network; stage firsts are never moved.
    expect(space.key(archToGenome('02001100'))).toBe(space.key(archToGenome('02010100')));
    expect(genomeToArch(archToGenome('02001100'))).toBe('02010100');
    expect(genomeToArch(archToGenome('00000102'))).toBe('00000120');
    // A stage's first layer is a strided projection when "identity": moving it changes the network.
    expect(space.key(archToGenome('10000000'))).not.toBe(space.key(archToGenome('01000000')));
    expect(space.key(archToGenome('00100000'))).not.toBe(space.key(archToGenome('00010000')));
    // The order of different MB layers matters.
    expect(space.key(archToGenome('00012000'))).not.toBe(space.key(archToGenome('00021000')));
  });

  it('round-trips every canonical arch string through the codec', () => {
    for (const arch of allArchs()) {
      const canonical = genomeToArch(archToGenome(arch));
      expect(macroCodec.toNative(macroCodec.fromNative(canonical))).toBe(canonical);
    }
  });

  it('rejects malformed arch strings naming the field', () => {
    for (const bad of ['0201210', '020121003', '02012103', 2012100, null]) {
      expect(() => archToGenome(bad), String(bad)).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'arch' }));
    }
  });
});

describe('NAS-Bench-Macro table (real data)', () => {
  const table = loadMacroTableFromDataDir(dataDir);

  it('holds all 6,561 arch strings, leading zeros kept, with no missing value', () => {
    expect(table.rowCount).toBe(6561);
    expect([...table.archs].sort()).toEqual(allArchs());
    expect(table.archs[0]).toBe('02012100');
    for (const column of [table.meanAccuracy, table.params, table.flops]) expect(column.some(Number.isNaN)).toBe(false);
  });

  it('gives equivalent strings identical accuracies (all three trainings), params and FLOPs', () => {
    const csv = readCsvFile(resolveDataFile(MACRO_TABLE_FILE, dataDir));
    const byKey = new Map<string, string>();
    const conflicts: string[] = [];
    for (const row of csv.rows) {
      const key = macroSpace().key(archToGenome(row[0]));
      const measured = row.slice(1).join(',');
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, measured);
      else if (known !== measured) conflicts.push(row[0] as string);
    }
    expect(conflicts).toEqual([]);
    expect(byKey.size).toBe(3969);
    // Distinct networks never share their three accuracies: the merge does not hide real differences.
    const triples = new Set([...byKey.values()].map((measured) => measured.split(',').slice(2, 5).join(',')));
    expect(triples.size).toBe(3969);
  });
});

describe('macro problems (real data)', () => {
  for (const { cost, frontSize, hvTrue } of [
    { cost: 'params', frontSize: 39, hvTrue: '0.974273' },
    { cost: 'flops', frontSize: 35, hvTrue: '0.902774' },
  ]) {
    it(`macro/cifar10/${cost}: whole space, no pool, true front by brute force and HV_true`, () => {
      const problem = macro(`macro/cifar10/${cost}`);
      expect(problem.pool).toBeUndefined();
      expect(problem.rows).toHaveLength(3969);
      expect(problem.objectives).toEqual([
        { name: 'mean_acc', direction: 'maximize', unit: '%' },
        { name: cost, direction: 'minimize', unit: cost === 'params' ? 'params' : 'FLOPs' },
      ]);
      const points = problem.rows.map((row) => [-(row.values[0] as number), row.values[1] as number]);
      const front = bruteForceFront(points).map((position) => problem.rows[position]?.key);
      expect(problem.reference.trueFront.map((entry) => entry.key).sort()).toEqual(front.sort());
      expect(problem.reference.trueFront).toHaveLength(frontSize);
      expect(problem.reference.trueFrontPointCount).toBe(frontSize);
      expect(problem.reference.hvTrue.toFixed(6)).toBe(hvTrue);
    });
  }

  it('nativeId is the canonical arch string, a row of the file with the same values', () => {
    const problem = macro('macro/cifar10/params');
    const table = problem.table;
    for (const row of problem.rows) {
      expect(row.nativeId).toBe(genomeToArch(row.genome));
      const source = table.rowOfArch(row.nativeId) as number;
      expect(row.values).toEqual([table.meanAccuracy[source], table.params[source]]);
      expect(problem.space.key(macroCodec.fromNative(problem.reference.nativeId(row.key)))).toBe(row.key);
    }
  });

  it('the evaluator returns raw values for any arch string of a network', async () => {
    const problem = macro('macro/cifar10/flops');
    const evaluator = problem.createEvaluator();
    const line = readFileSync(resolveDataFile(MACRO_TABLE_FILE, dataDir), 'utf8').split(/\r?\n/)[1];
    expect(line).toBe('02012100,89.1967,0.213127,89.47,88.95,89.17,890666,47327744');
    const candidates: Candidate[] = ['02012100', '02001100'].map((arch) => {
      const genome = macroCodec.fromNative(arch);
      return { key: problem.space.key(genome), genome, config: arch };
    });
    const [first, equivalent] = await evaluator.evaluate(candidates);
    expect(first).toEqual({ ok: true, values: { mean_acc: 89.1967, flops: 47327744 } });
    const expected = problem.rowOf(problem.space.key(archToGenome('02010100')))?.values;
    expect(equivalent).toEqual({ ok: true, values: { mean_acc: expected?.[0], flops: expected?.[1] } });
  });

  it('rejects other datasets and costs', () => {
    expect(() => macro('macro/cifar100/params')).toThrow(expect.objectContaining({ field: '--problem' }));
    expect(() => macro('macro/cifar10/latency')).toThrow(/unknown NAS-Bench-Macro cost "latency"/);
  });
});
