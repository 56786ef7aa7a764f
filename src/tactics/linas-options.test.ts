// The LINAS loop's experimental options: each keeps the tactic's contract (new architectures only, full batches,
// deterministic for a seed) and does what it says.

import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { paretoFrontIndices } from '../indicators/index.js';
import { createSearchSpace } from '../space/index.js';
import type { Genome } from '../space/types.js';
import { CARVE_DEFAULTS, LinasTactic } from './linas.js';
import type { Observation } from './types.js';

const space = createSearchSpace({
  name: 'grid',
  genes: Array.from({ length: 6 }, (_, gene) => ({ name: `g${gene}`, choices: [0, 1, 2, 3] })),
});
const cost = (genome: Genome): number => genome.reduce((sum, choice) => sum + choice, 0);
const error = (genome: Genome): number => 30 - 2 * cost(genome) + (genome[0] === 3 ? -5 : 0) + (genome[1] === 0 ? 3 : 0);
const observe = (genomes: readonly Genome[]): Observation[] =>
  genomes.map((genome) => {
    const values = [error(genome), cost(genome)];
    return { genome, key: space.key(genome), values, objectives: values, violation: 0 };
  });

function run(options: Record<string, unknown>, seed = 5): { batches: Genome[][]; tactic: LinasTactic } {
  const tactic = new LinasTactic(
    {
      space,
      objectives: [
        { name: 'error', direction: 'minimize', unit: '%' },
        { name: 'cost', direction: 'minimize', unit: '' },
      ],
      rng: createRng(seed),
      populationSize: 50,
      options: { innerEvaluations: 300, ...options },
    },
    'carve',
    CARVE_DEFAULTS,
  );
  const batches: Genome[][] = [];
  for (let iteration = 0; iteration < 3; iteration += 1) {
    const batch = tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: batches.flat().length });
    batches.push(batch);
    tactic.observe(observe(batch));
  }
  return { batches, tactic };
}

const variants: Record<string, unknown>[] = [{}, { initialSize: 10 }, { innerPopulation: 30 }, { warmStart: true }, { bootstrap: true }, { localCount: 5 }];

describe.each(variants)('LINAS options %j', (options) => {
  it('proposes full batches of new architectures, the same for the same seed', () => {
    const { batches } = run(options);
    const keys = batches.flat().map((genome) => space.key(genome));
    expect(new Set(keys).size).toBe(keys.length);
    expect(batches.map((batch) => batch.length)).toEqual([options['initialSize'] === 10 ? 10 : 15, 15, 15]);
    expect(run(options).batches).toEqual(batches);
  });
});

describe('LINAS option effects', () => {
  it('changes the proposals only where an option is set', () => {
    const base = run({}).batches;
    for (const options of variants.slice(1)) {
      const { batches } = run(options);
      if (options['initialSize'] === undefined) expect(batches[0]).toEqual(base[0]);
      expect(batches.slice(1)).not.toEqual(base.slice(1));
    }
  });

  it('localCount puts single-gene neighbours of the validated front first in the batch', () => {
    const { batches } = run({ localCount: 5 });
    const validated = [...(batches[0] as Genome[]), ...(batches[1] as Genome[])];
    const front = paretoFrontIndices(validated.map((genome) => [error(genome), cost(genome)])).map((index) => validated[index] as Genome);
    for (const genome of (batches[2] as Genome[]).slice(0, 5)) {
      const distances = front.map((member) => member.filter((choice, gene) => choice !== genome[gene]).length);
      expect(Math.min(...distances)).toBe(1);
    }
  });

  it('refuses options it does not have, naming them', () => {
    expect(() => run({ pick: 'hvi' })).toThrow(/no option "pick"/);
  });
});
