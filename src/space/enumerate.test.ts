import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { enumerateGenomes } from './enumerate.js';
import { createSearchSpace } from './search-space.js';
import { allRawGenomes, chainSpec, isCanonical, randomSpec } from './testing/fixtures.js';
import type { SearchSpace } from './types.js';

function keysOf(space: SearchSpace): string[] {
  return [...enumerateGenomes(space)].map((genome) => space.key(genome));
}

describe('enumerateGenomes', () => {
  it('lists a space without conditions in lexicographic order', () => {
    const space = createSearchSpace({ name: 'grid', genes: [{ name: 'a', choices: [1, 2] }, { name: 'b', choices: ['p', 'q', 'r'] }] });
    expect([...enumerateGenomes(space)]).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('lists the 15,625 cells of a NAS-Bench-201-like space once each', () => {
    const operations = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'];
    const space = createSearchSpace({
      name: 'nb201-like',
      genes: Array.from({ length: 6 }, (_, edge) => ({ name: `edge_${edge}`, choices: operations })),
    });
    const keys = keysOf(space);
    expect(keys.length).toBe(15_625);
    expect(new Set(keys).size).toBe(15_625);
    expect(BigInt(keys.length)).toBe(space.cardinality());
  });

  it('lists exactly the canonical genomes of the chain', () => {
    const chain = createSearchSpace(chainSpec());
    const genomes = [...enumerateGenomes(chain)];
    expect(genomes.length).toBe(18);
    expect(genomes.every((genome) => isCanonical(chain, genome))).toBe(true);
    const expected = new Set([...allRawGenomes(chain.choiceCounts)].map((genome) => chain.key(genome)));
    expect(new Set(keysOf(chain))).toEqual(expected);
    // Each yielded genome is a fresh array, so callers may keep or change it.
    expect(genomes[0]).not.toBe(genomes[1]);
  });

  it('agrees with cardinality and brute force on random conditional spaces', () => {
    const rng = createRng(77);
    for (let trial = 0; trial < 100; trial += 1) {
      const space = createSearchSpace(randomSpec(rng, String(trial)));
      const keys = keysOf(space);
      const bruteForce = new Set([...allRawGenomes(space.choiceCounts)].map((genome) => space.key(genome)));
      expect(new Set(keys).size, space.name).toBe(keys.length);
      expect(new Set(keys), space.name).toEqual(bruteForce);
      expect(BigInt(keys.length), space.name).toBe(space.cardinality());
    }
  });
});
