import { describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import type { Candidate } from '../../evaluators/types.js';
import { kendallTau } from '../../predictors/index.js';
import { getSupernet } from '../../supernets/index.js';
import { resolveDataDir } from '../data-dir.js';
import { resolveProblem } from '../registry.js';
import { bruteForceFront } from '../testing/brute-force-front.js';
import { genomeOfOfaNativeId, ofaNativeId } from './ofa-logs-native-id.js';
import { OFA_LOGS_SUPERNET_ID, type OfaLogsProblem } from './ofa-logs-problem.js';
import { loadOfaLogsFromDataDir } from './ofa-logs-table.js';
import { parsePythonLiteral } from './python-literal.js';

const dataDir = resolveDataDir();
const supernet = getSupernet(OFA_LOGS_SUPERNET_ID);
const ofa = (id: string): OfaLogsProblem => resolveProblem(id, { dataDir }) as OfaLogsProblem;

describe('parsePythonLiteral', () => {
  it('reads dicts, lists, tuples, numbers, strings, None, True and False', () => {
    expect(parsePythonLiteral("{'wid': None, 'ks': [5, 7], 'r': [224]}")).toEqual({ wid: null, ks: [5, 7], r: [224] });
    expect(parsePythonLiteral('( 1, -2.5e1 ,\'a\\\'b\', "c", True, False, [] , {} )')).toEqual([1, -25, "a'b", 'c', true, false, [], {}]);
    expect(parsePythonLiteral('{1: 0.5, "x": {"y": [None]}}')).toEqual({ '1': 0.5, x: { y: [null] } });
    expect(parsePythonLiteral("[1, 2,]")).toEqual([1, 2]);
  });

  it('rejects what is not a literal, naming the field and the position', () => {
    for (const bad of ["{'a': 1", "{'a' 1}", 'Nonesuch', "{'a': 1} x", 'range(3)', "{'a': 1, 'a': 2}", "'open", '']) {
      try {
        parsePythonLiteral(bad, 'Sub-network');
        expect.unreachable(bad);
      } catch (error) {
        expect(error, bad).toBeInstanceOf(CarveError);
        expect((error as CarveError).field).toBe('Sub-network');
        expect((error as CarveError).message).toMatch(/at character \d+/);
      }
    }
  });
});

describe('DyNAS-T OFA MobileNetV3 logs (real data)', () => {
  const logs = loadOfaLogsFromDataDir(dataDir, supernet);

  it('reads 2,373 rows from 5 files: 2,223 distinct configs, 2,162 distinct sub-networks', () => {
    expect(logs.files).toHaveLength(5);
    expect(logs.rows).toHaveLength(2373);
    expect(new Set(logs.rows.map((row) => row.configText)).size).toBe(2223);
    expect(logs.networks).toHaveLength(2162);
    expect(logs.networks.reduce((sum, network) => sum + network.rowCount, 0)).toBe(2373);
  });

  it('merges configs that differ only in blocks beyond a stage depth, and averages their top-1', () => {
    const first = logs.networks[0];
    // The first row of the first file is logged three times, in three files.
    expect(first?.rowCount).toBe(3);
    expect(first?.top1).toBe((75.448 + 75.462 + 75.458) / 3);
    expect(first?.macs).toBe(255502624);
    expect(first?.params).toBe(5029656);
    let largestSpread = 0;
    for (const network of logs.networks) {
      const top1s = logs.rows.filter((row) => row.key === network.key).map((row) => row.top1);
      largestSpread = Math.max(largestSpread, Math.max(...top1s) - Math.min(...top1s));
    }
    expect(largestSpread).toBeGreaterThan(0.09);
    expect(largestSpread).toBeLessThanOrEqual(0.1);
  });
});

describe('ofa-mbv3-logs problems (real data)', () => {
  it('ofa-mbv3-logs: a pool of 2,162, top-1 vs MACs, true front by brute force and HV_true', () => {
    const problem = ofa('ofa-mbv3-logs');
    expect(problem.space).toBe(supernet.space);
    expect(problem.objectives.map((objective) => [objective.name, objective.direction])).toEqual([
      ['top1', 'maximize'],
      ['macs', 'minimize'],
    ]);
    expect(problem.pool).toHaveLength(2162);
    const points = problem.rows.map((row) => [-(row.values[0] as number), row.values[1] as number]);
    const front = bruteForceFront(points).map((position) => problem.rows[position]?.key);
    expect(problem.reference.trueFront.map((entry) => entry.key).sort()).toEqual(front.sort());
    expect(problem.reference.trueFront).toHaveLength(106);
    expect(problem.reference.hvTrue.toFixed(6)).toBe('0.814291');
  });

  it("offers the one-hot with ln(parameters) as proxy, which orders top-1 over all and among networks of similar MACs", () => {
    const problem = ofa('ofa-mbv3-logs');
    const proxy = problem.features?.proxy;
    if (proxy === undefined) throw new Error('ofa-mbv3-logs offers no proxy');
    expect(problem.features?.kind).toBe('one-hot');
    const rows = problem.rows.map((row, index) => ({ top1: row.values[0] as number, macs: row.values[1] as number, proxy: proxy(problem.logs.networks[index]?.genome as number[]) }));
    // The computed count is the count DyNAS-T logged.
    problem.logs.networks.forEach((network, index) => expect(rows[index]?.proxy).toBeCloseTo(Math.log(network.params), 9));
    const overall = kendallTau(rows.map((row) => row.proxy), rows.map((row) => row.top1));
    expect(overall).toBeGreaterThan(0.78);
    // Among networks of similar MACs (bins of 50 in MACs order) it still orders top-1 (tau 0.58; 0 = no order).
    const byMacs = [...rows].sort((a, b) => a.macs - b.macs);
    let weighted = 0;
    for (let start = 0; start < byMacs.length; start += 50) {
      const bin = byMacs.slice(start, start + 50);
      weighted += kendallTau(bin.map((row) => row.proxy), bin.map((row) => row.top1)) * bin.length;
    }
    expect(weighted / byMacs.length).toBeGreaterThan(0.5);
  });

  it('ofa-mbv3-logs/params: three objectives, true front by brute force and HV_true', () => {
    const problem = ofa('ofa-mbv3-logs/params');
    expect(problem.objectives.map((objective) => objective.name)).toEqual(['top1', 'macs', 'params']);
    const points = problem.rows.map((row) => [-(row.values[0] as number), row.values[1] as number, row.values[2] as number]);
    const front = bruteForceFront(points).map((position) => problem.rows[position]?.key);
    expect(problem.reference.trueFront.map((entry) => entry.key).sort()).toEqual(front.sort());
    expect(problem.reference.trueFront).toHaveLength(447);
    expect(problem.reference.hvTrue.toFixed(6)).toBe('0.699122');
  });

  it('nativeId is a compact config that round-trips to the same sub-network', () => {
    const problem = ofa('ofa-mbv3-logs');
    const first = problem.rows[0];
    expect(first?.nativeId).toBe('d:23243|ks:57xx333x55xx7333555x|e:43xx463x43xx3666434x|r:224');
    const failures = problem.rows.filter((row) => supernet.space.key(genomeOfOfaNativeId(supernet, row.nativeId)) !== row.key);
    expect(failures).toEqual([]);
    expect(new Set(problem.rows.map((row) => row.nativeId)).size).toBe(2162);
    expect(problem.reference.nativeId(first?.key ?? '')).toBe(first?.nativeId);
    expect(ofaNativeId(supernet, first?.genome ?? [])).toBe(first?.nativeId);
    expect(() => genomeOfOfaNativeId(supernet, 'd:23243|ks:57')).toThrow(expect.objectContaining({ field: 'nativeId' }));
  });

  it('MACs and params of the pool are the super-network\'s exact costs', () => {
    const problem = ofa('ofa-mbv3-logs/params');
    for (const row of problem.rows.slice(0, 50)) {
      expect(supernet.costs(row.genome, 'conv-linear')).toEqual({ macs: row.values[1], params: row.values[2] });
    }
  });

  it('the evaluator returns the merged raw values, and fails sub-networks outside the logs', async () => {
    const problem = ofa('ofa-mbv3-logs/params');
    const evaluator = problem.createEvaluator();
    const first = problem.rows[0];
    const genome = first?.genome ?? [];
    const outside = supernet.space.canonicalize(new Array<number>(supernet.space.geneCount).fill(0));
    expect(problem.rowOf(supernet.space.key(outside))).toBeUndefined();
    const candidates: Candidate[] = [genome, outside].map((item) => ({ key: supernet.space.key(item), genome: item, config: supernet.codec.toNative(item) }));
    const [inside, missing] = await evaluator.evaluate(candidates);
    expect(inside).toEqual({ ok: true, values: { top1: (75.448 + 75.462 + 75.458) / 3, macs: 255502624, params: 5029656 } });
    expect(missing).toMatchObject({ ok: false, retryable: false });
  });

  it('rejects unknown variants', () => {
    expect(() => ofa('ofa-mbv3-logs/latency')).toThrow(/unknown ofa-mbv3-logs variant "latency"/);
    expect(() => ofa('ofa-mbv3-logs/params/x')).toThrow(expect.objectContaining({ field: '--problem' }));
  });
});
