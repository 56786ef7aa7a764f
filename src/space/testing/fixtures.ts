// Space specs and brute-force helpers shared by the space tests.

import type { Rng } from '../../core/rng.js';
import type { GeneSpec, GeneValue, Genome, SearchSpace, SpaceSpec } from '../types.js';

/** OFA-MobileNetV3-like: 5 stages, depth {2,3,4}, 4 blocks of kernel {3,5,7} and expand {3,4,6}; blocks 3 and 4 need depth >= 3 / 4. */
export function ofaLikeSpec(): SpaceSpec {
  const genes: GeneSpec[] = [];
  for (let stage = 0; stage < 5; stage += 1) {
    genes.push({ name: `depth_${stage}`, choices: [2, 3, 4] });
    for (let block = 0; block < 4; block += 1) {
      const gate = block === 2 ? [{ gene: `depth_${stage}`, in: [3, 4] }] : block === 3 ? [{ gene: `depth_${stage}`, in: [4] }] : undefined;
      const kernel: GeneSpec = { name: `kernel_${stage}_${block}`, choices: [3, 5, 7] };
      const expand: GeneSpec = { name: `expand_${stage}_${block}`, choices: [3, 4, 6] };
      genes.push(gate === undefined ? kernel : { ...kernel, activeWhen: gate });
      genes.push(gate === undefined ? expand : { ...expand, activeWhen: gate });
    }
  }
  return { name: 'ofa-like', genes };
}

/** A chain: C is active when B is 'y', and B only when A is 1 or 2; D is unconditional. */
export function chainSpec(): SpaceSpec {
  return {
    name: 'chain',
    genes: [
      { name: 'a', choices: [0, 1, 2] },
      { name: 'b', choices: ['x', 'y'], activeWhen: [{ gene: 'a', in: [1, 2] }] },
      { name: 'c', choices: [true, false, 'maybe'], activeWhen: [{ gene: 'b', in: ['y'] }] },
      { name: 'd', choices: [10, 20] },
    ],
  };
}

/** Every genome (canonical or not) of a small space, in lexicographic order. */
export function* allRawGenomes(choiceCounts: readonly number[]): Generator<number[]> {
  const genome = choiceCounts.map(() => 0);
  for (;;) {
    yield genome.slice();
    let gene = genome.length - 1;
    while (gene >= 0 && (genome[gene] as number) + 1 >= (choiceCounts[gene] as number)) {
      genome[gene] = 0;
      gene -= 1;
    }
    if (gene < 0) return;
    genome[gene] = (genome[gene] as number) + 1;
  }
}

/** Number of distinct canonical genomes found by canonicalising every genome. */
export function bruteForceCount(space: SearchSpace): number {
  const keys = new Set<string>();
  for (const genome of allRawGenomes(space.choiceCounts)) keys.add(space.key(genome));
  return keys.size;
}

/**
 * A random small spec whose conditions only point to genes of lower random rank (so there is no cycle, yet
 * conditions often name genes declared later), with 1 to 3 choices per gene and up to 2 conditions per gene.
 */
export function randomSpec(rng: Rng, label: string): SpaceSpec {
  const geneCount = 2 + rng.int(5);
  const ranks = Array.from({ length: geneCount }, (_, index) => index);
  for (let index = geneCount - 1; index > 0; index -= 1) {
    const other = rng.int(index + 1);
    [ranks[index], ranks[other]] = [ranks[other] as number, ranks[index] as number];
  }
  const choiceLists: GeneValue[][] = ranks.map(() => Array.from({ length: 1 + rng.int(3) }, (_, choice) => choice * 10));
  const genes: GeneSpec[] = ranks.map((rank, index) => {
    const lower = ranks.map((otherRank, other) => (otherRank < rank ? other : -1)).filter((other) => other >= 0);
    const conditionCount = Math.min(lower.length, rng.int(3));
    const picked = new Set<number>();
    while (picked.size < conditionCount) picked.add(lower[rng.int(lower.length)] as number);
    const activeWhen = [...picked].map((controller) => {
      const choices = choiceLists[controller] as GeneValue[];
      const allowed = choices.filter(() => rng.next() < 0.5);
      return { gene: `g${controller}`, in: allowed.length > 0 ? allowed : [choices[0] as GeneValue] };
    });
    const gene: GeneSpec = { name: `g${index}`, choices: choiceLists[index] as GeneValue[] };
    return activeWhen.length > 0 ? { ...gene, activeWhen } : gene;
  });
  return { name: `random-${label}`, genes };
}

export function isCanonical(space: SearchSpace, genome: Genome): boolean {
  const mask = space.activeMask(genome);
  return genome.every((index, gene) => mask[gene] === true || index === 0);
}
