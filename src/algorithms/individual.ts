// Building and checking the evaluated individuals that algorithms are told about.

import { badInput } from '../core/errors.js';
import type { Genome } from '../space/types.js';
import type { Individual } from './types.js';

/**
 * An individual from its parts. Objectives are minimised and must be finite (report a failed evaluation
 * by leaving the candidate out of `tell`); `violation` is the total constraint violation, 0 when feasible.
 */
export function toIndividual(genome: Genome, key: string, objectives: readonly number[], violation = 0): Individual {
  const individual: Individual = { genome, key, objectives, violation };
  checkIndividual(individual);
  return individual;
}

/**
 * Throws BAD_INPUT unless the individual has finite objectives (exactly `objectiveCount` of them when
 * given) and a finite violation >= 0: non-finite values would silently corrupt sorting and crowding.
 */
export function checkIndividual(individual: Individual, objectiveCount?: number): void {
  const { key, objectives, violation } = individual;
  if (objectiveCount !== undefined && objectives.length !== objectiveCount) {
    throw badInput(
      'objectives',
      `${key} has ${objectives.length} objectives, expected ${objectiveCount}`,
      'tell the algorithm as many objective values per individual as its objectiveCount',
    );
  }
  for (let index = 0; index < objectives.length; index += 1) {
    if (!Number.isFinite(objectives[index])) {
      throw badInput(
        'objectives',
        `objective ${index} of ${key} is ${String(objectives[index])}`,
        'leave failed candidates out of tell() instead of giving them non-finite objectives',
      );
    }
  }
  if (!Number.isFinite(violation) || violation < 0) {
    throw badInput('violation', `violation of ${key} is ${violation}`, 'give a finite violation >= 0 (0 = feasible)');
  }
}
