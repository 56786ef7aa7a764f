// Timing of the in-process driver (NSGA-II, population 50, 2 objectives): `npx vitest bench --run src/algorithms`.

import { bench, describe } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { Genome } from '../../space/index.js';
import { minimize } from '../minimize.js';
import { Nsga2Algorithm } from '../nsga2/nsga2-algorithm.js';
import { EvaluationTermination } from '../operators/termination.js';
import { linearPredictorPair, ofaLikeSpace, smallSpace } from './bench-problems.js';

const SETUPS = [
  ['45 genes (OFA-like, conditional)', ofaLikeSpace],
  ['6 genes', smallSpace],
] as const;

for (const [label, makeSpace] of SETUPS) {
  describe(label, () => {
    for (const evaluations of [5000, 20000]) {
      let seed = 0;
      bench(`nsga2 ${evaluations} evaluations`, () => {
        const space = makeSpace();
        const algorithm = new Nsga2Algorithm({ space, rng: createRng(seed++), populationSize: 50, objectiveCount: 2 });
        minimize(algorithm, linearPredictorPair(space, 1), new EvaluationTermination(evaluations));
      });
    }
    // The objective function alone on as many random genomes: what no algorithm can go below.
    const space = makeSpace();
    const rng = createRng(99);
    const genomes: Genome[] = Array.from({ length: 20000 }, () => space.sample(rng));
    const evaluate = linearPredictorPair(space, 1);
    bench('objective function alone, 20000 genomes', () => {
      for (let start = 0; start < genomes.length; start += 50) evaluate(genomes.slice(start, start + 50));
    });
  });
}
