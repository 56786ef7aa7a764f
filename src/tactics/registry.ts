// Tactics by name: the one place that maps a --tactic value to a concrete tactic.

import { Nsga2Algorithm, PolynomialMutation, RandomSearchAlgorithm, SimulatedBinaryCrossover } from '../algorithms/index.js';
import { badInput } from '../core/errors.js';
import { AlgorithmTactic } from './algorithm-tactic.js';
import type { TacticFactory } from './types.js';

export interface TacticEntry {
  readonly name: string;
  readonly description: string;
  readonly factory: TacticFactory;
}

const ENTRIES: readonly TacticEntry[] = [
  {
    name: 'random',
    description: 'uniform random sampling of unseen architectures, one population-sized batch at a time',
    factory: (context) =>
      new AlgorithmTactic('random', new RandomSearchAlgorithm({ space: context.space, rng: context.rng, batchSize: context.populationSize })),
  },
  {
    name: 'nsga2-uniform',
    description: 'NSGA-II on the true objectives with uniform crossover and random-reset mutation (1/genes)',
    factory: (context) =>
      new AlgorithmTactic(
        'nsga2-uniform',
        new Nsga2Algorithm({
          space: context.space,
          rng: context.rng,
          populationSize: context.populationSize,
          objectiveCount: context.objectives.length,
        }),
      ),
  },
  {
    name: 'nsga2',
    description:
      'NSGA-II on the true objectives, one generation per batch, never re-evaluating an architecture: integer SBX crossover (p 0.9, eta 15), polynomial mutation on 2% of offspring (eta 20), as DyNAS-T configures pymoo',
    factory: (context) =>
      new AlgorithmTactic(
        'nsga2',
        new Nsga2Algorithm({
          space: context.space,
          rng: context.rng,
          populationSize: context.populationSize,
          objectiveCount: context.objectives.length,
          crossover: new SimulatedBinaryCrossover({ probability: 0.9, eta: 15 }),
          mutation: new PolynomialMutation({ probability: 0.02, eta: 20 }),
        }),
      ),
  },
];

export function listTactics(): readonly TacticEntry[] {
  return ENTRIES;
}

export function tacticFactory(name: string): TacticFactory {
  const entry = ENTRIES.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    throw badInput('--tactic', `unknown tactic "${name}"`, `choose one of: ${ENTRIES.map((e) => e.name).join(', ')}`);
  }
  return entry.factory;
}
