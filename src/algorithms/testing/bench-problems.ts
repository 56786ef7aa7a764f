// Spaces and cheap predictor-like objectives for timing the in-process driver.

import { createRng } from '../../core/rng.js';
import { createSearchSpace, type SearchSpace } from '../../space/index.js';
import type { BatchEvaluator } from '../minimize.js';

/** OFA-MobileNetV3-like: 5 stages, each a depth gene gating 4 blocks of (kernel, expand): 45 genes. */
export function ofaLikeSpace(): SearchSpace {
  const genes = [];
  for (let stage = 0; stage < 5; stage += 1) {
    genes.push({ name: `depth_${stage}`, choices: [2, 3, 4] });
    for (let block = 0; block < 4; block += 1) {
      const activeWhen = block < 2 ? undefined : [{ gene: `depth_${stage}`, in: block === 2 ? [3, 4] : [4] }];
      genes.push({ name: `kernel_${stage}_${block}`, choices: [3, 5, 7], ...(activeWhen === undefined ? {} : { activeWhen }) });
      genes.push({ name: `expand_${stage}_${block}`, choices: [3, 4, 6], ...(activeWhen === undefined ? {} : { activeWhen }) });
    }
  }
  return createSearchSpace({ name: 'ofa-like', genes });
}

/** Six unconditional genes of 4 to 8 choices. */
export function smallSpace(): SearchSpace {
  return createSearchSpace({
    name: 'small',
    genes: [4, 5, 6, 7, 8, 4].map((choiceCount, index) => ({
      name: `g${index}`,
      choices: Array.from({ length: choiceCount }, (_, choice) => choice),
    })),
  });
}

/**
 * Two objectives shaped like a linear predictor pair: a "cost" growing with every index and an "error"
 * falling with it, with a quadratic interaction so the front is curved.
 */
export function linearPredictorPair(space: SearchSpace, seed: number): BatchEvaluator {
  const rng = createRng(seed);
  const costWeights = Array.from({ length: space.geneCount }, () => rng.next());
  const errorWeights = Array.from({ length: space.geneCount }, () => rng.next());
  return (genomes, keys) =>
    genomes.map((genome, index) => {
      let cost = 0;
      let gain = 0;
      for (let gene = 0; gene < genome.length; gene += 1) {
        cost += (costWeights[gene] as number) * (genome[gene] as number);
        gain += (errorWeights[gene] as number) * (genome[gene] as number);
      }
      return { genome, key: keys?.[index] ?? space.key(genome), objectives: [cost, 1 / (1 + gain * gain)], violation: 0 };
    });
}
