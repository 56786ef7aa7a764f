import { describe, expect, it } from 'vitest';
import { CarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { createSearchSpace, type Genome } from '../../space/index.js';
import { conditionalSpace, twelveGenomeSpace } from '../testing/problems.js';
import { CandidatePool } from './candidate-pool.js';
import { NearestPoolRepair } from './pool-repair.js';
import { PoolSampling } from './pool-sampling.js';

/** Three genes of 4 choices, no conditions: distances are plain Hamming distances. */
const flatSpace = createSearchSpace({
  name: 'flat',
  genes: [
    { name: 'a', choices: [0, 1, 2, 3] },
    { name: 'b', choices: [0, 1, 2, 3] },
    { name: 'c', choices: [0, 1, 2, 3] },
  ],
});

describe('CandidatePool', () => {
  it('keeps distinct canonical members in first-given order and counts repeats', () => {
    const space = twelveGenomeSpace();
    // depth 1 makes `extra` inactive: [0, 2, 1] is the same network as [0, 2, 0].
    const pool = new CandidatePool(space, [[0, 2, 1], [1, 3, 1], [0, 2, 0], [1, 3, 1]]);
    expect(pool.members.map((member) => member.genome)).toEqual([[0, 2, 0], [1, 3, 1]]);
    expect(pool.members.map((member) => member.key)).toEqual(['0.2.0', '1.3.1']);
    expect(pool.size).toBe(2);
    expect(pool.repeatedCount).toBe(2);
    expect(pool.positionOf('1.3.1')).toBe(1);
    expect(pool.positionOf('1.3.0')).toBe(-1);
    // Distance codes: choice + 1 for active genes, 0 for the inactive `extra` of the first member.
    expect([...pool.distanceCodes]).toEqual([1, 3, 0, 2, 4, 2]);
  });

  it('rejects an empty pool and genomes of another space with BAD_INPUT naming the pool', () => {
    expect(() => new CandidatePool(flatSpace, [])).toThrow(expect.objectContaining({ code: 'BAD_INPUT', field: 'pool' }));
    try {
      new CandidatePool(flatSpace, [[0, 0, 0], [0, 9, 0]]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CarveError);
      expect((error as CarveError).field).toBe('pool');
      expect((error as CarveError).message).toContain('pool member 1');
    }
  });
});

describe('PoolSampling', () => {
  const members: Genome[] = [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3], [0, 1, 2]];
  const pool = new CandidatePool(flatSpace, members);

  it('draws distinct members only, never an excluded one, and fewer when the pool runs out', () => {
    const sampling = new PoolSampling(pool);
    const rng = createRng(3);
    const exclude = new Set(['1.1.1', '3.3.3']);
    const drawn = sampling.sample(flatSpace, rng, 10, exclude);
    expect(drawn.map((candidate) => candidate.key).sort()).toEqual(['0.0.0', '0.1.2', '2.2.2']);
    expect(sampling.sample(flatSpace, rng, 2, exclude)).toHaveLength(2);
    expect(sampling.sample(flatSpace, rng, 0, exclude)).toEqual([]);
    const all = new Set(pool.members.map((member) => member.key));
    expect(sampling.sample(flatSpace, rng, 4, all)).toEqual([]);
  });

  it('is uniform over the available members and deterministic for a seed', () => {
    const sampling = new PoolSampling(pool);
    const counts = new Map<string, number>();
    const rng = createRng(11);
    for (let draw = 0; draw < 5000; draw += 1) {
      const [candidate] = sampling.sample(flatSpace, rng, 1, new Set(['0.0.0']));
      counts.set(candidate?.key ?? '', (counts.get(candidate?.key ?? '') ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0.1.2', '1.1.1', '2.2.2', '3.3.3']);
    // 1250 expected each; 5 standard deviations is about 150.
    for (const count of counts.values()) expect(Math.abs(count - 1250)).toBeLessThan(150);
    const first = sampling.sample(flatSpace, createRng(5), 3, new Set()).map((candidate) => candidate.key);
    const second = sampling.sample(flatSpace, createRng(5), 3, new Set()).map((candidate) => candidate.key);
    expect(first).toEqual(second);
  });

  it('refuses a space other than the pool one', () => {
    expect(() => new PoolSampling(pool).sample(conditionalSpace(), createRng(1), 1, new Set())).toThrow(/built for space "flat"/);
  });
});

describe('NearestPoolRepair', () => {
  const pool = new CandidatePool(flatSpace, [[0, 0, 0], [1, 1, 1], [0, 0, 3], [3, 3, 3], [2, 0, 0]]);
  const repair = new NearestPoolRepair(pool);
  const none: ReadonlySet<string>[] = [];

  it('keeps an available member and maps other genomes to the nearest available member', () => {
    const rng = createRng(1);
    expect(repair.repair(flatSpace, rng, [1, 1, 1], none)?.key).toBe('1.1.1');
    // [1, 1, 3]: distance 1 to 1.1.1, 2 to 0.0.3 and 3.3.3, 3 to the others.
    expect(repair.repair(flatSpace, rng, [1, 1, 3], none)?.key).toBe('1.1.1');
    expect(repair.repair(flatSpace, rng, [1, 1, 3], [new Set(['1.1.1'])])?.key).toMatch(/^(0\.0\.3|3\.3\.3)$/);
    // An asked member is itself replaced by its nearest available neighbour.
    expect(repair.repair(flatSpace, rng, [2, 0, 0], [new Set(['2.0.0'])])?.key).toBe('0.0.0');
    // Exclusions may come from several sets.
    expect(repair.repair(flatSpace, rng, [2, 0, 0], [new Set(['2.0.0']), new Set(['0.0.0'])])?.key).toBe('0.0.3');
  });

  it('returns the very member object, so the key is not rebuilt', () => {
    expect(repair.repair(flatSpace, createRng(1), [3, 3, 2], none)).toBe(pool.members[3]);
  });

  it('breaks ties uniformly with the rng, and identically for the same seed', () => {
    // [0, 0, 1] is at distance 1 from 0.0.0 and 0.0.3, at distance 2 from 2.0.0.
    const rng = createRng(9);
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 2000; draw += 1) {
      const key = repair.repair(flatSpace, rng, [0, 0, 1], none)?.key ?? '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0.0.0', '0.0.3']);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(120);
    const sequence = (seed: number): string[] => {
      const seeded = createRng(seed);
      return Array.from({ length: 20 }, () => repair.repair(flatSpace, seeded, [0, 0, 1], none)?.key ?? '');
    };
    expect(sequence(4)).toEqual(sequence(4));
  });

  it('is null once every member is excluded', () => {
    const all = new Set(pool.members.map((member) => member.key));
    expect(repair.repair(flatSpace, createRng(1), [0, 0, 0], [all])).toBeNull();
  });

  it('counts a gene active in one genome and inactive in the other as one difference', () => {
    const space = twelveGenomeSpace();
    // Members: depth 1 width 8 (extra inactive), depth 2 width 16 extra true.
    const conditional = new CandidatePool(space, [[0, 0, 0], [1, 1, 1]]);
    const nearest = new NearestPoolRepair(conditional);
    // [1, 0, 1]: to [0, 0, 0] depth differs and extra is active vs inactive (2); to [1, 1, 1] width differs (1).
    expect(nearest.repair(space, createRng(1), [1, 0, 1], none)?.key).toBe('1.1.1');
    // [1, 0, 0] (extra false): 2 from [0, 0, 0], 2 from [1, 1, 1]: a tie, so both are reachable.
    const reached = new Set<string>();
    const rng = createRng(2);
    for (let draw = 0; draw < 50; draw += 1) reached.add(nearest.repair(space, rng, [1, 0, 0], none)?.key ?? '');
    expect([...reached].sort()).toEqual(['0.0.0', '1.1.1']);
  });

  it('agrees with a brute-force nearest search on a space with wide genes (8- and 16-bit packing)', () => {
    for (const choiceCount of [40, 300]) {
      const space = createSearchSpace({
        name: `wide-${choiceCount}`,
        genes: Array.from({ length: 7 }, (_, gene) => ({ name: `g${gene}`, choices: Array.from({ length: gene % 2 === 0 ? choiceCount : 3 }, (_, value) => value) })),
      });
      const rng = createRng(choiceCount);
      const big = new CandidatePool(space, Array.from({ length: 200 }, () => space.sample(rng)));
      expect(big.packing.fieldBits).toBe(choiceCount < 256 ? 8 : 16);
      const nearest = new NearestPoolRepair(big);
      for (let query = 0; query < 50; query += 1) {
        const genome = space.sample(rng);
        const result = nearest.repair(space, rng, genome, none);
        const bruteBest = Math.min(...big.members.map((member) => member.genome.filter((value, gene) => value !== genome[gene]).length));
        expect(result?.genome.filter((value, gene) => value !== genome[gene]).length).toBe(bruteBest);
      }
    }
  });

  it('agrees with a brute-force nearest search on a conditional space', () => {
    const space = conditionalSpace();
    const rng = createRng(21);
    const members = Array.from({ length: 300 }, () => space.sample(rng));
    const big = new CandidatePool(space, members);
    const nearest = new NearestPoolRepair(big);
    const codes = (genome: Genome): number[] => {
      const active = space.activeMask(genome);
      return genome.map((value, gene) => (active[gene] === true ? value + 1 : 0));
    };
    const distance = (left: Genome, right: Genome): number => {
      const leftCodes = codes(left);
      const rightCodes = codes(right);
      return leftCodes.filter((code, gene) => code !== rightCodes[gene]).length;
    };
    const excluded = new Set(big.members.slice(0, 100).map((member) => member.key));
    for (let query = 0; query < 100; query += 1) {
      const genome = space.sample(rng);
      const result = nearest.repair(space, rng, genome, [excluded]);
      const bruteBest = Math.min(...big.members.filter((member) => !excluded.has(member.key)).map((member) => distance(genome, member.genome)));
      expect(result).not.toBeNull();
      expect(excluded.has(result?.key ?? '')).toBe(false);
      expect(distance(genome, result?.genome ?? [])).toBe(bruteBest);
    }
  });
});
