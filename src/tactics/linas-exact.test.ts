// The LINAS loop computes objectives declared free (cost 0) through the study's exact path instead of predicting them.

import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { createSearchSpace } from '../space/index.js';
import type { Genome } from '../space/types.js';
import { CARVE_DEFAULTS, LinasTactic } from './linas.js';
import type { ExactObjectives, Observation } from './types.js';

const space = createSearchSpace({
  name: 'grid',
  genes: Array.from({ length: 6 }, (_, gene) => ({ name: `g${gene}`, choices: [0, 1, 2, 3] })),
});
const cost = (genome: Genome): number => genome.reduce((sum, choice) => sum + choice, 0);
const error = (genome: Genome): number => 30 - 2 * cost(genome) + (genome[0] === 3 ? -5 : 0);

function exactCost(): ExactObjectives {
  let queries = 0;
  return {
    indices: [1],
    get queries() {
      return queries;
    },
    evaluate(genomes) {
      queries += genomes.length;
      return genomes.map((genome) => [cost(genome)]);
    },
  };
}

function observe(genomes: readonly Genome[]): Observation[] {
  return genomes.map((genome) => {
    const values = [error(genome), cost(genome)];
    return { genome, key: space.key(genome), values, objectives: values, violation: 0 };
  });
}

describe('LinasTactic with exact objectives', () => {
  it('models only the objectives it must predict and computes the exact ones for every inner candidate', () => {
    const exact = exactCost();
    const tactic = new LinasTactic(
      {
        space,
        objectives: [
          { name: 'error', direction: 'minimize', unit: '%' },
          { name: 'cost', direction: 'minimize', unit: '', cost: 0 },
        ],
        rng: createRng(3),
        populationSize: 10,
        options: { innerEvaluations: 400 },
        exact,
      },
      'carve',
      CARVE_DEFAULTS,
    );
    tactic.observe(observe(tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: 0 })));
    const batch = tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: CARVE_DEFAULTS.batchSize });
    expect(batch.length).toBe(CARVE_DEFAULTS.batchSize);
    const described = tactic.describeLastProposal() as { models: { objective: string; model: string }[]; exactQueries: number };
    expect(described.models.map((model) => model.model)).toEqual([expect.not.stringMatching(/^exact$/), 'exact']);
    expect(described.models[1]?.objective).toBe('cost');
    expect(described.models[0]).toHaveProperty('cvRmse');
    expect(described.models[1]).toMatchObject({ cvKendallTau: null, cvRmse: null });
    // Every candidate the inner NSGA-II visited had its cost computed, at least the 400 predicted evaluations.
    expect(exact.queries).toBeGreaterThanOrEqual(400);
    expect(described.exactQueries).toBe(exact.queries);
  });
});
