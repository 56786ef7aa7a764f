// Test problems for the algorithm tests: a conditional space, a tiny space, and a ZDT1-like grid problem.

import { createSearchSpace, type Genome, type SearchSpace } from '../../space/index.js';
import type { BatchEvaluator } from '../minimize.js';
import type { Individual } from '../types.js';

/**
 * OFA-like: `depth` gates blocks 2 and 3, `activation` is a string gene, `width` a numeric gene whose
 * choices are not sorted. 3 * 2 * 3 * 81 * (1 + 9 + 81) = 132678 canonical genomes.
 */
export function conditionalSpace(): SearchSpace {
  const block = (index: number, activeWhen?: readonly (2 | 3 | 4)[]) => [
    {
      name: `kernel_${index}`,
      choices: [3, 5, 7],
      ...(activeWhen === undefined ? {} : { activeWhen: [{ gene: 'depth', in: activeWhen }] }),
    },
    {
      name: `expand_${index}`,
      choices: [3, 4, 6],
      ...(activeWhen === undefined ? {} : { activeWhen: [{ gene: 'depth', in: activeWhen }] }),
    },
  ];
  return createSearchSpace({
    name: 'conditional-test',
    genes: [
      { name: 'resolution', choices: [160, 192, 224] },
      { name: 'activation', choices: ['relu', 'swish'] },
      { name: 'width', choices: [1.0, 0.5, 0.75] },
      { name: 'depth', choices: [2, 3, 4] },
      ...block(0),
      ...block(1),
      ...block(2, [3, 4]),
      ...block(3, [4]),
    ],
  });
}

/** Exactly 12 canonical genomes: 4 with depth 1, 4 * 2 with depth 2. */
export function twelveGenomeSpace(): SearchSpace {
  return createSearchSpace({
    name: 'twelve',
    genes: [
      { name: 'depth', choices: [1, 2] },
      { name: 'width', choices: [8, 16, 24, 32] },
      { name: 'extra', choices: [false, true], activeWhen: [{ gene: 'depth', in: [2] }] },
    ],
  });
}

/** Ten genes with the ordered choices 0..9. */
export function gridSpace(): SearchSpace {
  return createSearchSpace({
    name: 'grid',
    genes: Array.from({ length: 10 }, (_, index) => ({ name: `x${index}`, choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] })),
  });
}

/**
 * ZDT1 on the grid: position p = (x0 + x1 + x2) / 27 in 28 steps, distance g = 1 + sum(x3..x9) / 7 (1 on
 * the front), f1 = p, f2 = g (1 - sqrt(p / g)). The Pareto front is the 28 points (k/27, 1 - sqrt(k/27)).
 */
export function gridZdtObjectives(genome: Genome): [number, number] {
  const position = ((genome[0] as number) + (genome[1] as number) + (genome[2] as number)) / 27;
  let distance = 0;
  for (let gene = 3; gene < 10; gene += 1) distance += genome[gene] as number;
  const g = 1 + distance / 7;
  return [position, g * (1 - Math.sqrt(position / g))];
}

/** The analytic Pareto front of `gridZdtObjectives`. */
export function gridZdtFront(): number[][] {
  return Array.from({ length: 28 }, (_, step) => [step / 27, 1 - Math.sqrt(step / 27)]);
}

/** Evaluator of the grid problem; `violationOf` adds a constraint (default: none). */
export function gridZdtEvaluator(
  space: SearchSpace,
  violationOf: (objectives: readonly number[]) => number = () => 0,
): BatchEvaluator {
  return (genomes, keys) =>
    genomes.map((genome, index): Individual => {
      const objectives = gridZdtObjectives(genome);
      return { genome, key: keys?.[index] ?? space.key(genome), objectives, violation: violationOf(objectives) };
    });
}

/** True when the genome is valid for the space and already canonical. */
export function isCanonical(space: SearchSpace, genome: Genome): boolean {
  space.validate(genome);
  const canonical = space.canonicalize(genome);
  return canonical.every((value, gene) => value === genome[gene]);
}
