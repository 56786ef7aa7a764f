import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { createSearchSpace } from './search-space.js';
import { errorOf } from './testing/errors.js';
import { allRawGenomes, bruteForceCount, chainSpec, isCanonical, ofaLikeSpec, randomSpec } from './testing/fixtures.js';
import type { GeneSpec, SpaceSpec } from './types.js';

const plain = (genes: GeneSpec[]): SpaceSpec => ({ name: 'test', genes });

describe('createSearchSpace validation', () => {
  it('rejects an empty name and an empty gene list', () => {
    expect(errorOf(() => createSearchSpace({ name: ' ', genes: [{ name: 'a', choices: [1] }] })).field).toBe('name');
    const noGenes = errorOf(() => createSearchSpace({ name: 'x', genes: [] }));
    expect(noGenes.code).toBe('BAD_INPUT');
    expect(noGenes.field).toBe('genes');
  });

  it('names duplicate gene names with both places', () => {
    const error = errorOf(() => createSearchSpace(plain([{ name: 'a', choices: [1] }, { name: 'a', choices: [2] }])));
    expect(error.field).toBe('genes[1].name');
    expect(error.message).toContain('genes[0].name');
  });

  it('rejects empty, ill-typed and duplicate choices, naming the gene and the position', () => {
    const genes: GeneSpec[] = [
      { name: 'a', choices: [1] },
      { name: 'b', choices: [1] },
      { name: 'c', choices: [1] },
      { name: 'd', choices: [] },
    ];
    const empty = errorOf(() => createSearchSpace(plain(genes)));
    expect(empty.field).toBe('genes[3].choices');
    expect(empty.hint).toBeDefined();
    const badType = errorOf(() => createSearchSpace(plain([{ name: 'a', choices: [1, { x: 1 } as unknown as number] }])));
    expect(badType.field).toBe('genes[0].choices[1]');
    expect(errorOf(() => createSearchSpace(plain([{ name: 'a', choices: [1, Number.NaN] }]))).field).toBe('genes[0].choices[1]');
    const duplicate = errorOf(() => createSearchSpace(plain([{ name: 'a', choices: [3, 5, 3] }])));
    expect(duplicate.field).toBe('genes[0].choices[2]');
    expect(duplicate.message).toContain('genes[0].choices[0]');
    // Values of different types are different choices.
    expect(createSearchSpace(plain([{ name: 'a', choices: [1, '1', true] }])).choiceCounts).toEqual([3]);
  });

  it('rejects conditions on unknown genes or values, and empty value lists', () => {
    const unknownGene = errorOf(() =>
      createSearchSpace(plain([{ name: 'depth', choices: [2, 3] }, { name: 'k', choices: [3], activeWhen: [{ gene: 'dpth', in: [3] }] }])),
    );
    expect(unknownGene.field).toBe('genes[1].activeWhen[0].gene');
    expect(unknownGene.message).toBe('unknown gene "dpth"');
    expect(unknownGene.hint).toContain('did you mean "depth"');
    const unknownValue = errorOf(() =>
      createSearchSpace(plain([{ name: 'depth', choices: [2, 3] }, { name: 'k', choices: [3], activeWhen: [{ gene: 'depth', in: [3, 4] }] }])),
    );
    expect(unknownValue.field).toBe('genes[1].activeWhen[0].in[1]');
    expect(unknownValue.message).toContain('not a choice of gene "depth"');
    const noValues = errorOf(() =>
      createSearchSpace(plain([{ name: 'depth', choices: [2, 3] }, { name: 'k', choices: [3], activeWhen: [{ gene: 'depth', in: [] }] }])),
    );
    expect(noValues.field).toBe('genes[1].activeWhen[0].in');
  });

  it('rejects cycles of conditions, naming the genes on the cycle', () => {
    const cycle = errorOf(() =>
      createSearchSpace(
        plain([
          { name: 'a', choices: [0, 1], activeWhen: [{ gene: 'b', in: [1] }] },
          { name: 'b', choices: [0, 1], activeWhen: [{ gene: 'c', in: [1] }] },
          { name: 'c', choices: [0, 1], activeWhen: [{ gene: 'a', in: [1] }] },
        ]),
      ),
    );
    expect(cycle.field).toBe('genes[2].activeWhen[0].gene');
    expect(cycle.message).toBe('conditions form a cycle: "a" depends on "b" depends on "c" depends on "a"');
    const self = errorOf(() => createSearchSpace(plain([{ name: 'a', choices: [0, 1], activeWhen: [{ gene: 'a', in: [1] }] }])));
    expect(self.field).toBe('genes[0].activeWhen[0].gene');
  });

  it('rejects the reserved name __proto__, which would corrupt decoded objects', () => {
    expect(errorOf(() => createSearchSpace(plain([{ name: '__proto__', choices: [1] }]))).field).toBe('genes[0].name');
  });

  it('exposes name, description, gene count and choice counts', () => {
    const space = createSearchSpace({ name: 'shown', description: 'two genes', genes: [{ name: 'a', choices: [1, 2] }, { name: 'b', choices: ['x'] }] });
    expect([space.name, space.description, space.geneCount, space.choiceCounts]).toEqual(['shown', 'two genes', 2, [2, 1]]);
    expect(createSearchSpace(plain([{ name: 'a', choices: [1] }])).description).toBeUndefined();
  });

  it('keeps its own copy of the spec', () => {
    const genes = [{ name: 'a', choices: [1, 2] }];
    const space = createSearchSpace({ name: 'copy', genes });
    genes[0]!.choices.push(3);
    expect(space.genes[0]!.choices).toEqual([1, 2]);
    expect(space.choiceCounts).toEqual([2]);
  });
});

describe('conditions', () => {
  const chain = createSearchSpace(chainSpec());

  it('activates a chain only when every link holds', () => {
    expect(chain.activeMask([0, 1, 2, 0])).toEqual([true, false, false, true]);
    expect(chain.activeMask([1, 0, 2, 0])).toEqual([true, true, false, true]);
    expect(chain.activeMask([2, 1, 0, 1])).toEqual([true, true, true, true]);
    // c's own condition (b = 'y') holds, but b is inactive, so c is inactive too.
    expect(chain.activeMask([0, 1, 0, 0])).toEqual([true, false, false, true]);
    expect(chain.isActive([2, 1, 0, 1], 2)).toBe(true);
    expect(chain.isActive([0, 1, 0, 1], 2)).toBe(false);
  });

  it('evaluates conditions that reference genes declared later', () => {
    const reversed = createSearchSpace({
      name: 'reversed',
      genes: [
        { name: 'c', choices: [true, false, 'maybe'], activeWhen: [{ gene: 'b', in: ['y'] }] },
        { name: 'b', choices: ['x', 'y'], activeWhen: [{ gene: 'a', in: [1, 2] }] },
        { name: 'a', choices: [0, 1, 2] },
      ],
    });
    expect(reversed.activeMask([2, 1, 2])).toEqual([true, true, true]);
    expect(reversed.activeMask([2, 1, 0])).toEqual([false, false, true]);
    expect(reversed.activeMask([2, 0, 1])).toEqual([false, true, true]);
    expect(reversed.cardinality()).toBe(BigInt(bruteForceCount(reversed)));
  });

  it('requires all conditions of a gene to hold', () => {
    const both = createSearchSpace(
      plain([
        { name: 'a', choices: [0, 1] },
        { name: 'b', choices: [0, 1] },
        { name: 'c', choices: [5, 6], activeWhen: [{ gene: 'a', in: [1] }, { gene: 'b', in: [1] }] },
      ]),
    );
    expect(both.activeMask([1, 1, 0])[2]).toBe(true);
    expect(both.activeMask([1, 0, 0])[2]).toBe(false);
    expect(both.activeMask([0, 1, 0])[2]).toBe(false);
    expect(both.cardinality()).toBe(5n);
  });

  it('rejects an out-of-range gene index in isActive', () => {
    expect(errorOf(() => chain.isActive([0, 0, 0, 0], 4)).field).toBe('geneIndex');
  });
});

describe('canonical genomes and keys', () => {
  const chain = createSearchSpace(chainSpec());

  it('zeroes inactive genes, leaves the input alone, and is idempotent', () => {
    const genome = [0, 1, 2, 1];
    expect(chain.canonicalize(genome)).toEqual([0, 0, 0, 1]);
    expect(genome).toEqual([0, 1, 2, 1]);
    for (const raw of allRawGenomes(chain.choiceCounts)) {
      const once = chain.canonicalize(raw);
      expect(chain.canonicalize(once)).toEqual(once);
      expect(isCanonical(chain, once)).toBe(true);
    }
  });

  it('writes keys as decimal choice indices joined with dots', () => {
    expect(chain.key([2, 1, 2, 1])).toBe('2.1.2.1');
    expect(chain.key([0, 1, 2, 1])).toBe('0.0.0.1');
    const wide = createSearchSpace(plain([{ name: 'w', choices: Array.from({ length: 12 }, (_, index) => index) }, { name: 'v', choices: [1, 2] }]));
    expect(wide.key([11, 1])).toBe('11.1');
    const ofa = createSearchSpace(ofaLikeSpec());
    const genome = ofa.sample(createRng(3));
    expect(ofa.key(genome)).toBe(genome.join('.'));
  });

  it('gives equal keys to genomes that differ only in inactive genes', () => {
    expect(chain.key([0, 1, 2, 1])).toBe(chain.key([0, 0, 1, 1]));
    expect(chain.key([1, 0, 2, 0])).toBe(chain.key([1, 0, 0, 0]));
    expect(chain.key([1, 1, 2, 0])).not.toBe(chain.key([1, 1, 0, 0]));
  });

  it('round-trips every genome through key and fromKey', () => {
    for (const raw of allRawGenomes(chain.choiceCounts)) {
      expect(chain.fromKey(chain.key(raw))).toEqual(chain.canonicalize(raw));
    }
  });

  it('rejects keys that are malformed, out of range or not canonical', () => {
    for (const bad of ['1.0.0', '1.a.0.0', '01.0.0.0', '1.0.0.0.', '3.0.0.0', '-1.0.0.0', '']) {
      const error = errorOf(() => chain.fromKey(bad));
      expect(error.code).toBe('BAD_INPUT');
    }
    const inactive = errorOf(() => chain.fromKey('0.1.0.0'));
    expect(inactive.field).toBe('key');
    expect(inactive.message).toContain('inactive gene "b"');
  });

  it('validates genomes, naming the gene', () => {
    expect(errorOf(() => chain.validate([0, 0, 0])).field).toBe('genome');
    expect(errorOf(() => chain.validate([0, 2, 0, 0])).field).toBe('b');
    expect(errorOf(() => chain.validate([0, 0, 0.5, 0])).field).toBe('c');
    expect(errorOf(() => chain.key([0, 0, 0, -1])).field).toBe('d');
    expect(errorOf(() => chain.canonicalize([3, 0, 0, 0])).field).toBe('a');
    expect(() => chain.validate([2, 1, 2, 1])).not.toThrow();
  });
});

describe('sample', () => {
  const ofa = createSearchSpace(ofaLikeSpec());

  it('is deterministic under a seed and differs across seeds', () => {
    const draw = (seed: number): string[] => {
      const rng = createRng(seed);
      return Array.from({ length: 50 }, () => ofa.key(ofa.sample(rng)));
    };
    expect(draw(11)).toEqual(draw(11));
    expect(draw(11)).not.toEqual(draw(12));
  });

  it('always returns canonical genomes with each choice of an active gene drawn', () => {
    const rng = createRng(5);
    const depthCounts = new Int32Array(3);
    const kernelCounts = new Int32Array(3);
    for (let draw = 0; draw < 3000; draw += 1) {
      const genome = ofa.sample(rng);
      expect(isCanonical(ofa, genome)).toBe(true);
      depthCounts[genome[0]!]! += 1;
      kernelCounts[genome[1]!]! += 1;
    }
    // Uniform draws: each third of 3000 is 1000, with a standard deviation near 26.
    for (const count of [...depthCounts, ...kernelCounts]) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });
});

describe('decode and encode', () => {
  const chain = createSearchSpace(chainSpec());

  it('decodes the values of active genes only', () => {
    expect(chain.decode([1, 1, 2, 0])).toEqual({ a: 1, b: 'y', c: 'maybe', d: 10 });
    expect(chain.decode([0, 1, 2, 1])).toEqual({ a: 0, d: 20 });
  });

  it('encodes values by name, accepting omitted or given inactive genes', () => {
    expect(chain.encode({ a: 0, d: 20 })).toEqual([0, 0, 0, 1]);
    expect(chain.encode({ a: 0, b: 'y', c: false, d: 20 })).toEqual([0, 0, 0, 1]);
    expect(chain.encode({ d: 10, c: true, b: 'y', a: 2 })).toEqual([2, 1, 0, 0]);
    for (const raw of allRawGenomes(chain.choiceCounts)) expect(chain.encode(chain.decode(raw))).toEqual(chain.canonicalize(raw));
  });

  it('rejects unknown names and values, and missing active genes, naming the gene', () => {
    const unknownName = errorOf(() => chain.encode({ a: 0, d: 20, e: 1 }));
    expect(unknownName.field).toBe('e');
    const unknownValue = errorOf(() => chain.encode({ a: 1, b: 'z', d: 20 }));
    expect(unknownValue.field).toBe('b');
    expect(unknownValue.hint).toContain('"x", "y"');
    expect(errorOf(() => chain.encode({ a: 1, d: 20 })).field).toBe('b');
    expect(errorOf(() => chain.encode({ b: 'y', c: true, d: 20 })).field).toBe('a');
    expect(errorOf(() => chain.encode({ a: '1', d: 10 })).field).toBe('a');
  });

  it('finds gene indices by name', () => {
    expect(chain.indexOf('c')).toBe(2);
    const error = errorOf(() => chain.indexOf('cc'));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.hint).toContain('did you mean "c"');
  });
});

describe('cardinality', () => {
  it('is the product of choice counts without conditions, exactly beyond 2^53', () => {
    expect(createSearchSpace(plain([{ name: 'a', choices: [1, 2] }, { name: 'b', choices: [1, 2, 3] }, { name: 'c', choices: [1, 2, 3, 4, 5] }])).cardinality()).toBe(30n);
    const wide = createSearchSpace(plain(Array.from({ length: 30 }, (_, index) => ({ name: `g${index}`, choices: [0, 1, 2, 3, 4, 5, 6] }))));
    expect(wide.cardinality()).toBe(22539340290692258087863249n);
  });

  it('is (81 + 729 + 6561)^5 = 7371^5 for the OFA-MobileNetV3-like space', () => {
    const ofa = createSearchSpace(ofaLikeSpec());
    expect(ofa.geneCount).toBe(45);
    expect(ofa.cardinality()).toBe(21_758_655_492_572_485_851n);
    expect(ofa.cardinality()).toBe(7371n ** 5n);
  });

  it('matches brute force on the chain (18 networks)', () => {
    const chain = createSearchSpace(chainSpec());
    expect(bruteForceCount(chain)).toBe(18);
    expect(chain.cardinality()).toBe(18n);
  });

  it('matches brute force on 200 random conditional spaces', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 200; trial += 1) {
      const space = createSearchSpace(randomSpec(rng, String(trial)));
      expect(space.cardinality(), space.name).toBe(BigInt(bruteForceCount(space)));
    }
  });
});
