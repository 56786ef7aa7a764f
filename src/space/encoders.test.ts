import { describe, expect, it } from 'vitest';
import { concatenateEncoders, createEncoder, encodeMany, ORDINAL_INACTIVE, withProxyColumn } from './encoders.js';
import { createRng } from '../core/rng.js';
import { createSearchSpace } from './search-space.js';
import { errorOf } from './testing/errors.js';
import { chainSpec } from './testing/fixtures.js';
import type { EncodingKind } from './types.js';

// chain: a [0, 1, 2]; b ['x', 'y'] when a in [1, 2]; c [true, false, 'maybe'] when b = 'y'; d [10, 20].
const chain = createSearchSpace(chainSpec());

describe('one-hot encoder', () => {
  const encoder = createEncoder(chain, 'one-hot');

  it('has one column per choice', () => {
    expect(encoder.kind).toBe('one-hot');
    expect(encoder.width).toBe(10);
  });

  it('sets the column of each active choice', () => {
    expect([...encoder.encode([1, 1, 2, 0])]).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 1, 0]);
  });

  it('leaves the blocks of inactive genes all zero', () => {
    expect([...encoder.encode([0, 1, 2, 1])]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('ordinal encoder', () => {
  const encoder = createEncoder(chain, 'ordinal');

  it('scales indices to [0, 1] and marks inactive genes with -1', () => {
    expect(encoder.width).toBe(4);
    expect([...encoder.encode([1, 1, 2, 0])]).toEqual([0.5, 1, 1, 0]);
    expect([...encoder.encode([0, 1, 2, 1])]).toEqual([0, ORDINAL_INACTIVE, ORDINAL_INACTIVE, 1]);
    expect(ORDINAL_INACTIVE).toBe(-1);
  });

  it('gives 0 to a gene with a single choice', () => {
    const single = createSearchSpace({ name: 'single', genes: [{ name: 'only', choices: ['x'] }, { name: 'other', choices: [1, 2, 3, 4, 5] }] });
    expect([...createEncoder(single, 'ordinal').encode([0, 3])]).toEqual([0, 0.75]);
  });
});

describe('raw encoder', () => {
  const encoder = createEncoder(chain, 'raw');

  it('keeps numbers, turns booleans into 0/1 and strings into their index', () => {
    expect(encoder.width).toBe(4);
    expect([...encoder.encode([1, 1, 2, 0])]).toEqual([1, 1, 2, 10]);
    expect([...encoder.encode([2, 1, 0, 1])]).toEqual([2, 1, 1, 20]);
    expect([...encoder.encode([2, 1, 1, 1])]).toEqual([2, 1, 0, 20]);
  });

  it('writes 0 for inactive genes', () => {
    expect([...encoder.encode([0, 1, 2, 1])]).toEqual([0, 0, 0, 20]);
  });
});

describe('counts encoder', () => {
  // Two groups share their choice lists: ops on three edges, kernels on two layers; 'depth' is alone.
  const layers = createSearchSpace({
    name: 'layers',
    genes: [
      { name: 'e0', choices: ['none', 'skip', 'conv'] },
      { name: 'k0', choices: [3, 5, 7] },
      { name: 'e1', choices: ['none', 'skip', 'conv'] },
      { name: 'depth', choices: [2, 3, 4] },
      { name: 'k1', choices: [3, 5, 7], activeWhen: [{ gene: 'depth', in: [3, 4] }] },
      { name: 'e2', choices: ['none', 'skip', 'conv'] },
    ],
  });
  const encoder = createEncoder(layers, 'counts');

  it('counts each choice over the genes that share a choice list, genes alone left out', () => {
    expect(encoder.kind).toBe('counts');
    expect(encoder.width).toBe(6);
    // e0 conv, k0 5, e1 conv, depth 4, k1 5, e2 skip: ops [none 0, skip 1, conv 2], kernels [3: 0, 5: 2, 7: 0].
    expect([...encoder.encode([2, 1, 2, 2, 1, 1])]).toEqual([0, 1, 2, 0, 2, 0]);
    expect([...encoder.encode([0, 0, 0, 1, 2, 0])]).toEqual([3, 0, 0, 1, 0, 1]);
  });

  it('counts active genes only', () => {
    // depth 2: k1 is inactive and counts nothing.
    expect([...encoder.encode([1, 2, 1, 0, 0, 1])]).toEqual([0, 3, 0, 0, 0, 1]);
  });

  it('is empty when no two genes share their choices', () => {
    expect(createEncoder(chain, 'counts').width).toBe(0);
    expect([...createEncoder(chain, 'counts').encode([1, 1, 2, 0])]).toEqual([]);
  });
});

describe('encoder inputs', () => {
  it('encodes many genomes as rows', () => {
    const rows = encodeMany(createEncoder(chain, 'ordinal'), [
      [1, 1, 2, 0],
      [0, 0, 0, 1],
    ]);
    expect(rows.map((row) => [...row])).toEqual([
      [0.5, 1, 1, 0],
      [0, -1, -1, 1],
    ]);
    expect(encodeMany(createEncoder(chain, 'raw'), [])).toEqual([]);
  });

  it('rejects invalid genomes and unknown kinds', () => {
    expect(errorOf(() => createEncoder(chain, 'one-hot').encode([0, 5, 0, 0])).field).toBe('b');
    expect(errorOf(() => createEncoder(chain, 'binary' as EncodingKind)).field).toBe('encoding');
  });
});

describe('concatenateEncoders', () => {
  it('puts the second encoding after the first and keeps both layouts', () => {
    const oneHot = createEncoder(chain, 'one-hot');
    const ordinal = createEncoder(chain, 'ordinal');
    const both = concatenateEncoders(oneHot, ordinal);
    expect(both.kind).toBe('one-hot+ordinal');
    expect(both.width).toBe(oneHot.width + ordinal.width);
    const genome = chain.sample(createRng(3));
    expect(Array.from(both.encode(genome))).toEqual([...oneHot.encode(genome), ...ordinal.encode(genome)]);
    expect(both.degenerate).toBeUndefined();
  });

  it('says degenerate as the first encoder says, else as the second', () => {
    const oneHot = createEncoder(chain, 'one-hot');
    const flagging = { ...createEncoder(chain, 'ordinal'), kind: 'flagging', width: 1, encode: () => new Float64Array(1), degenerate: () => true };
    expect(concatenateEncoders(oneHot, flagging).degenerate?.(chain.sample(createRng(1)))).toBe(true);
    expect(concatenateEncoders({ ...flagging, degenerate: () => false }, flagging).degenerate?.(chain.sample(createRng(1)))).toBe(false);
  });
});

describe('withProxyColumn', () => {
  it("appends the encoder's proxy as the last column and passes the proxy and degenerate flag on", () => {
    const oneHot = createEncoder(chain, 'one-hot');
    const proxied = {
      kind: 'proxied',
      width: oneHot.width,
      encode: (genome: readonly number[]) => oneHot.encode(genome),
      proxy: (genome: readonly number[]) => 10 * (genome[0] as number) + 0.5,
      degenerate: () => true,
    };
    const withProxy = withProxyColumn(proxied);
    expect(withProxy.kind).toBe('proxied+proxy');
    expect(withProxy.width).toBe(oneHot.width + 1);
    const genome = chain.sample(createRng(4));
    expect(Array.from(withProxy.encode(genome))).toEqual([...oneHot.encode(genome), 10 * (genome[0] as number) + 0.5]);
    expect(withProxy.proxy?.(genome)).toBe(10 * (genome[0] as number) + 0.5);
    expect(withProxy.degenerate?.(genome)).toBe(true);
    expect(concatenateEncoders(oneHot, proxied).proxy?.(genome)).toBe(10 * (genome[0] as number) + 0.5);
    expect(() => withProxyColumn(oneHot)).toThrow(/offers no proxy/);
  });
});
