import { describe, expect, it } from 'vitest';

import { archStrToGenome } from './nb201-space.js';
import { effectiveNb201Cell, executedNb201Cell, isDegenerateNb201Cell, nb201CellEncoder, nb201CostEncoder, nb201FunctionKey, nb201SignalGain } from './nb201-features.js';

const cell = (digits: string): number[] => [...digits].map(Number);

describe('isDegenerateNb201Cell', () => {
  it('flags exactly the cells with no input-to-output path', () => {
    expect(isDegenerateNb201Cell(cell('000000'))).toBe(true);
    expect(isDegenerateNb201Cell(cell('330000'))).toBe(true); // nodes 1 and 2 reached, nothing reaches 3
    expect(isDegenerateNb201Cell(cell('004044'))).toBe(true); // edges into 3 leave unreached nodes
    expect(isDegenerateNb201Cell(cell('000100'))).toBe(false); // the direct skip
    expect(isDegenerateNb201Cell(cell('100010'))).toBe(false); // 0 -> 1 -> 3
    expect(isDegenerateNb201Cell(cell('010001'))).toBe(false); // 0 -> 2 -> 3
  });

  it('counts 341 degenerate cells in the 15,625 (brute force over the space)', () => {
    let count = 0;
    for (let code = 0; code < 5 ** 6; code += 1) {
      const genome = Array.from({ length: 6 }, (_, edge) => Math.floor(code / 5 ** edge) % 5);
      if (isDegenerateNb201Cell(genome)) count += 1;
    }
    expect(count).toBe(341);
  });

  it('is offered by the cell encoder', () => {
    expect(nb201CellEncoder().degenerate?.(cell('000000'))).toBe(true);
  });
});

describe('effectiveNb201Cell', () => {
  it('keeps every operation of a cell whose edges all lie on input-to-output paths', () => {
    expect(effectiveNb201Cell(cell('333333'))).toEqual(cell('333333'));
    expect(effectiveNb201Cell(cell('123412'))).toEqual(cell('123412'));
  });

  it('drops the edges into a node that feeds nothing (node 2 with e5 none)', () => {
    // e0 skip, e1 skip, e2 pool, e3 none, e4 skip, e5 none: node 2 is computed and thrown away.
    expect(effectiveNb201Cell(cell('114010'))).toEqual(cell('100010'));
  });

  it('drops the edges out of a node nothing reaches (node 1 with e0 none)', () => {
    // e2 and e4 leave node 1, which receives nothing; only the direct skip e3 remains.
    expect(effectiveNb201Cell(cell('001110'))).toEqual(cell('000100'));
    expect(effectiveNb201Cell(cell('003330'))).toEqual(cell('000300'));
  });

  it('keeps a node reached through another node (0 -> 1 -> 2 -> 3)', () => {
    expect(effectiveNb201Cell(cell('303003'))).toEqual(cell('303003'));
    expect(effectiveNb201Cell(cell('303004'))).toEqual(cell('303004'));
  });

  it('turns a cell with no input-to-output path into all none', () => {
    expect(effectiveNb201Cell(cell('000000'))).toEqual(cell('000000'));
    expect(effectiveNb201Cell(cell('011000'))).toEqual(cell('000000'));
    expect(effectiveNb201Cell(cell('330000'))).toEqual(cell('000000'));
  });

  it('reads the same cell from an arch_str', () => {
    const genome = archStrToGenome('|none~0|+|none~0|skip_connect~1|+|skip_connect~0|skip_connect~1|none~2|');
    expect(effectiveNb201Cell(genome)).toEqual(cell('000100'));
  });
});

describe('executedNb201Cell', () => {
  it('drops the edges into a node whose result nothing reads, keeps operations on unreached nodes', () => {
    // Node 2 feeds nothing (e5 none): e1 and e2 are not executed.
    expect(executedNb201Cell(cell('114010'))).toEqual(cell('100010'));
    // Node 1 is unreached (e0 none) but read by e4: e2 and e4 still run on zeros.
    expect(executedNb201Cell(cell('013033'))).toEqual(cell('013033'));
    expect(effectiveNb201Cell(cell('013033'))).toEqual(cell('010003'));
    // Node 1 feeds only node 2, which feeds nothing: both go, and what feeds them.
    expect(executedNb201Cell(cell('332400'))).toEqual(cell('000400'));
  });
});

describe('nb201CostEncoder', () => {
  it('counts each operation of the cell as written, then of the executed cell', () => {
    const encoder = nb201CostEncoder();
    expect(encoder.width).toBe(10);
    // 114010 written: none 2, skip 3, pool 1; executed 100010: none 4, skip 2.
    expect([...encoder.encode(cell('114010'))]).toEqual([2, 3, 0, 0, 1, 4, 2, 0, 0, 0]);
    expect([...encoder.encode(cell('333333'))]).toEqual([0, 0, 0, 6, 0, 0, 0, 0, 6, 0]);
  });
});

describe('nb201CellEncoder', () => {
  const encoder = nb201CellEncoder();

  it('is the one-hot of the written cell followed by the one-hot of the effective cell', () => {
    expect(encoder.width).toBe(60);
    const features = encoder.encode(cell('001110'));
    const ones = [...features.keys()].filter((column) => features[column] === 1);
    // written: e0 none (0), e1 none (5), e2 skip (11), e3 skip (16), e4 skip (21), e5 none (25)
    // effective: e0..e2 none (30, 35, 40), e3 skip (46), e4 none (50), e5 none (55)
    expect(ones).toEqual([0, 5, 11, 16, 21, 25, 30, 35, 40, 46, 50, 55]);
    expect(features.reduce((sum, value) => sum + value, 0)).toBe(12);
  });

  it('gives cells that compute the same thing the same second half', () => {
    const a = encoder.encode(cell('001110'));
    const b = encoder.encode(cell('000100'));
    expect([...a.slice(30)]).toEqual([...b.slice(30)]);
    expect([...a.slice(0, 30)]).not.toEqual([...b.slice(0, 30)]);
  });
});

describe('nb201SignalGain (closed-form SynFlow-like proxy)', () => {
  // Per stage (C = 16, 32, 64): conv3x3 scales a constant signal by sqrt(9C)/2, conv1x1 by sqrt(C)/2; 5 cells each.
  const stages = (perCell: (channels: number) => number): number => [16, 32, 64].reduce((sum, c) => sum + 5 * Math.log(perCell(c)), 0);

  it('is 0 for a cell whose only path is one skip or one pooling (gain 1 in every stage)', () => {
    expect(nb201SignalGain(cell('000100'))).toBe(0);
    expect(nb201SignalGain(cell('000400'))).toBe(0);
  });

  it('multiplies gains along a path and adds paths (known answers)', () => {
    // A single 3x3 convolution from input to output: sqrt(9C)/2 = 6, 8.49, 12.
    expect(nb201SignalGain(cell('000300'))).toBeCloseTo(5 * (Math.log(6) + Math.log(Math.sqrt(288) / 2) + Math.log(12)), 12);
    // 0 -> 1 -> 3 through conv3x3 then conv1x1, beside the direct skip 0 -> 3.
    expect(nb201SignalGain(cell('300120'))).toBeCloseTo(stages((c) => (Math.sqrt(9 * c) / 2) * (Math.sqrt(c) / 2) + 1), 12);
    // Three paths: 0->1->2->3 (conv3, conv3, skip), 0->2->3 (conv1, skip), 0->3 (skip).
    expect(nb201SignalGain(cell('323101'))).toBeCloseTo(stages((c) => (9 * c) / 4 + Math.sqrt(c) / 2 + 1), 12);
  });

  it('ignores operations on no input-to-output path, like the effective cell', () => {
    const written = cell('030021'); // e4 (1 -> 3) leaves node 1, which nothing reaches
    expect(effectiveNb201Cell(written)).toEqual(cell('030001'));
    expect(nb201SignalGain(written)).toBeCloseTo(nb201SignalGain(cell('030001')), 12);
    expect(nb201SignalGain(written)).toBeCloseTo(nb201SignalGain(cell('000300')), 12); // conv3x3 then skip
    const dead = cell('330300'); // nodes 1 and 2 feed nothing: only the direct conv3x3 counts
    expect(nb201SignalGain(dead)).toBeCloseTo(nb201SignalGain(cell('000300')), 12);
  });

  it('puts degenerate cells below every working cell, and is offered by the cell encoder', () => {
    expect(nb201SignalGain(cell('000000'))).toBe(-1);
    expect(nb201SignalGain(cell('330000'))).toBe(-1);
    expect(nb201CellEncoder().proxy?.(cell('000300'))).toBe(nb201SignalGain(cell('000300')));
    let lowest = Number.POSITIVE_INFINITY;
    for (let code = 0; code < 5 ** 6; code += 1) {
      const genome = Array.from({ length: 6 }, (_, edge) => Math.floor(code / 5 ** edge) % 5);
      if (!isDegenerateNb201Cell(genome)) lowest = Math.min(lowest, nb201SignalGain(genome));
    }
    expect(lowest).toBe(0);
  });
});

describe('nb201FunctionKey', () => {
  it('is equal for cells that differ only in operations no output reads', () => {
    // e0 none leaves node 1 without input: e2 and e4 are dead whatever they hold.
    expect(nb201FunctionKey(cell('031112'))).toBe(nb201FunctionKey(cell('030102')));
    expect(nb201FunctionKey(cell('031112'))).toBe(nb201FunctionKey(cell('034132')));
    expect(nb201FunctionKey(cell('031112'))).toBe('030102');
  });

  it('is equal for the two orders of the intermediate nodes when no edge joins them', () => {
    // 13-S11 and 31-S11 (CIFAR-100 errors 28.37% and 28.48%): conv1x1 then conv1x1, and conv3x3 then conv1x1.
    expect(nb201FunctionKey(cell('230122'))).toBe(nb201FunctionKey(cell('320122')));
    expect(nb201FunctionKey(cell('320122'))).toBe('230122');
  });

  it('tells apart cells that compute different things', () => {
    expect(nb201FunctionKey(cell('231122'))).not.toBe(nb201FunctionKey(cell('321122'))); // e2 joins the nodes: no swap
    expect(nb201FunctionKey(cell('230122'))).not.toBe(nb201FunctionKey(cell('230123')));
    expect(nb201FunctionKey(cell('000100'))).not.toBe(nb201FunctionKey(cell('000400')));
  });

  it('merges exactly the effective cells that are node relabellings of each other (brute force over the space)', () => {
    const keys = new Map<string, string>();
    const effectiveCells = new Set<string>();
    for (let code = 0; code < 5 ** 6; code += 1) {
      const genome = Array.from({ length: 6 }, (_, edge) => Math.floor(code / 5 ** edge) % 5);
      const effective = effectiveNb201Cell(genome);
      effectiveCells.add(effective.join(''));
      // Independently: the smaller of the effective cell and its relabelling (nodes 1 and 2 swapped) when e2 is none.
      const [e0, e1, e2, e3, e4, e5] = effective as [number, number, number, number, number, number];
      const swapped = [e1, e0, e2, e3, e5, e4].join('');
      const expected = e2 === 0 && swapped < effective.join('') ? swapped : effective.join('');
      const key = nb201FunctionKey(genome);
      expect(keys.get(expected) ?? key).toBe(key);
      keys.set(expected, key);
    }
    expect(effectiveCells.size).toBe(9445);
    expect(new Set(keys.values()).size).toBe(keys.size);
    expect(keys.size).toBeLessThan(effectiveCells.size);
    expect(nb201CellEncoder().functionKey?.(cell('320122'))).toBe('230122');
  });
});
