// Tactics by name: the one place that maps a --tactic value to a concrete tactic.

import {
  AgeMoeaAlgorithm,
  MoeadAlgorithm,
  Nsga2Algorithm,
  PolynomialMutation,
  RandomSearchAlgorithm,
  SimulatedBinaryCrossover,
  UNsga3Algorithm,
} from '../algorithms/index.js';
import { badInput } from '../core/errors.js';
import { AlgorithmTactic } from './algorithm-tactic.js';
import { CARVE_DEFAULTS, LinasTactic } from './linas.js';
import { ParetoHviTactic } from './pareto-hvi.js';
import { WeakNasTactic } from './weaknas.js';
import { PoolTactic, candidatePoolOf, poolParts } from './pool.js';
import type { TacticContext, TacticFactory } from './types.js';

/**
 * What every true-objective evolutionary tactic is built from: the study's space, stream, population and
 * objectives, DyNAS-T's pymoo operators (integer SBX p 0.9 eta 15, polynomial mutation on 2% of offspring,
 * eta 20), and the pool parts when the problem is a pool.
 */
function dynastOperatorOptions(context: TacticContext) {
  return {
    space: context.space,
    rng: context.rng,
    populationSize: context.populationSize,
    objectiveCount: context.objectives.length,
    crossover: new SimulatedBinaryCrossover({ probability: 0.9, eta: 15 }),
    mutation: new PolynomialMutation({ probability: 0.02, eta: 20 }),
    ...poolParts(context),
  };
}

export interface TacticEntry {
  readonly name: string;
  readonly description: string;
  readonly factory: TacticFactory;
}

const ENTRIES: readonly TacticEntry[] = [
  {
    name: 'random',
    description: 'uniform random sampling of unseen architectures, one population-sized batch at a time',
    factory: (context) => {
      // In a pool, sampling draws from the members not yet asked.
      const { sampling } = poolParts(context);
      return new AlgorithmTactic(
        'random',
        new RandomSearchAlgorithm({
          space: context.space,
          rng: context.rng,
          batchSize: context.populationSize,
          ...(sampling === undefined ? {} : { sampling }),
        }),
      );
    },
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
          ...poolParts(context),
        }),
      ),
  },
  {
    name: 'nsga2',
    description:
      'NSGA-II on the true objectives, one generation per batch, never re-evaluating an architecture: integer SBX crossover (p 0.9, eta 15), polynomial mutation on 2% of offspring (eta 20), as DyNAS-T configures pymoo',
    factory: (context) => new AlgorithmTactic('nsga2', new Nsga2Algorithm(dynastOperatorOptions(context))),
  },
  {
    name: 'agemoea',
    description:
      'AGE-MOEA on the true objectives (NSGA-II loop and operators as nsga2): the last front is filled by diversity / proximity in the Lp geometry estimated from the first front, tournaments on rank then that score',
    factory: (context) => new AlgorithmTactic('agemoea', new AgeMoeaAlgorithm(dynastOperatorOptions(context))),
  },
  {
    name: 'unsga3',
    description:
      'U-NSGA-III on the true objectives (operators as nsga2): NSGA-III survival around Das-Dennis directions (as many as fit in the population), niching-based tournament',
    factory: (context) => new AlgorithmTactic('unsga3', new UNsga3Algorithm(dynastOperatorOptions(context))),
  },
  {
    name: 'moead',
    description:
      'MOEA/D on the true objectives (operators as nsga2): normalised Tchebycheff subproblems on Das-Dennis weights, one offspring per subproblem per batch, neighbourhood T = 20 or a fifth of the subproblems, delta 0.9, nr 2',
    factory: (context) => new AlgorithmTactic('moead', new MoeadAlgorithm(dynastOperatorOptions(context))),
  },
  {
    name: 'linas',
    description:
      'LINAS: validate a population, fit ridge/SVR predictors (chosen by cross-validated Kendall tau), run NSGA-II on them (5,000 predicted evaluations), validate its final population; never re-validates',
    factory: (context) => new LinasTactic(context),
  },
  {
    name: 'carve',
    description:
      "carve's refinement of LINAS: batches of 10 (predictors refitted after every 10 validations), SVR/ridge trained on target ranks on the space's own features when offered, beside a ridge on the plain one-hot (picked for latency), chosen per objective by cross-validated Kendall tau, spaces up to 20,000 predicted exhaustively (else NSGA-II on the predictions, 5,000 evaluations), a random first batch of 20, two slots per objective for neighbours of that end of the validated front, four for the candidates of greatest predicted hypervolume improvement over it; never re-validates, never proposes an architecture the space knows to be degenerate",
    factory: (context) => new LinasTactic(context, 'carve', CARVE_DEFAULTS),
  },
  {
    name: 'weaknas',
    description:
      'WeakNAS-style baseline: 50 random, then refit an MLP predictor per objective and validate 10 drawn uniformly from the 100 best-predicted (by predicted non-dominated rank)',
    factory: (context) => new WeakNasTactic(context),
  },
  {
    name: 'pareto-hvi',
    description:
      "carve's own: 20 random architectures, then batches of 10 chosen from 8 generations' worth of NSGA-II offspring of the validated population by greedy hypervolume improvement of rank-trained SVR predictions; never re-validates",
    factory: (context) => new ParetoHviTactic(context),
  },
];

/** The name `default` always means the best tactic measured so far. */
export const DEFAULT_TACTIC = 'carve';

export function listTactics(): readonly TacticEntry[] {
  return ENTRIES;
}

/**
 * The factory of a tactic by name. With a pool in the context, the tactic is built from pool-aware parts and
 * wrapped in a PoolTactic, which guarantees that only pool members are ever proposed.
 */
/** The concrete tactic a name stands for (`default` resolves to the current best). */
export function resolveTacticName(name: string): string {
  return name === 'default' ? DEFAULT_TACTIC : name;
}

export function tacticFactory(name: string): TacticFactory {
  const resolved = resolveTacticName(name);
  const entry = ENTRIES.find((candidate) => candidate.name === resolved);
  if (entry === undefined) {
    throw badInput('--tactic', `unknown tactic "${name}"`, `choose one of: default, ${ENTRIES.map((e) => e.name).join(', ')}`);
  }
  return (context) => {
    if (context.pool === undefined) return entry.factory(context);
    const pool = candidatePoolOf(context.space, context.pool);
    // The wrapper's own stream, forked first, so the inner tactic's stream does not depend on replacements.
    const wrapperRng = context.rng.fork();
    return new PoolTactic(entry.factory(context), pool, wrapperRng);
  };
}
