// Tactics by name: the one place that maps a --tactic value to a concrete tactic.

import { Nsga2Algorithm } from '../algorithms/index.js';
import { RandomSearchAlgorithm } from '../algorithms/index.js';
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
    name: 'nsga2',
    description: 'NSGA-II on the true objectives (one generation per batch, duplicates never re-evaluated)',
    factory: (context) =>
      new AlgorithmTactic(
        'nsga2',
        new Nsga2Algorithm({
          space: context.space,
          rng: context.rng,
          populationSize: context.populationSize,
          objectiveCount: context.objectives.length,
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
