// Composition root for a study over a registered problem: settings, evaluators, tactic and normalisation.

import { resolveProblem, type Problem } from '../benchmarks/index.js';
import { badInput } from '../core/errors.js';
import { parseConstraint, type ObjectiveSpec } from '../core/objective.js';
import type { HypervolumeBasis, StudyEnvironment, StudySettings } from '../study/index.js';
import { tacticFactory } from '../tactics/index.js';
import type { SearchRequestBase } from './search-request.js';

export interface ProblemSearchRequest extends SearchRequestBase {
  readonly problem: string;
  /** Objective names in the order wanted; default: all of the problem's objectives. */
  readonly objectives?: readonly string[];
  readonly dataDir?: string;
}

export interface ProblemStudyParts {
  readonly problem: Problem;
  readonly settings: StudySettings;
  readonly environment: StudyEnvironment;
}

/** Objectives chosen by name from the problem's, with the requested bounds attached. */
export function selectObjectives(
  problem: Problem,
  names: readonly string[] | undefined,
  constraints: readonly string[] | undefined,
): ObjectiveSpec[] {
  const available = problem.objectives;
  const chosen: ObjectiveSpec[] = [];
  for (const name of names ?? available.map((objective) => objective.name)) {
    const objective = available.find((candidate) => candidate.name === name);
    if (objective === undefined) {
      throw badInput('--objectives', `problem ${problem.id} has no objective "${name}"`, `choose from: ${available.map((o) => o.name).join(', ')}`);
    }
    if (chosen.some((existing) => existing.name === name)) {
      throw badInput('--objectives', `objective "${name}" is listed twice`, 'list each objective once');
    }
    chosen.push({ ...objective });
  }
  (constraints ?? []).forEach((text, index) => {
    const { name, bound } = parseConstraint(text, `--constraint[${index}]`);
    const at = chosen.findIndex((objective) => objective.name === name);
    if (at < 0) {
      throw badInput(`--constraint[${index}]`, `"${name}" is not one of the study's objectives`, `bound one of: ${chosen.map((o) => o.name).join(', ')}`);
    }
    chosen[at] = { ...(chosen[at] as ObjectiveSpec), bound };
  });
  return chosen;
}

/** The problem's fixed normalisation restricted to the chosen objectives, when it has one. */
export function problemBasis(problem: Problem, objectives: readonly ObjectiveSpec[]): HypervolumeBasis | undefined {
  const reference = problem.reference;
  if (reference === undefined) return undefined;
  const ideal: number[] = [];
  const nadir: number[] = [];
  for (const objective of objectives) {
    const index = problem.objectives.findIndex((candidate) => candidate.name === objective.name);
    ideal.push(reference.ideal[index] as number);
    nadir.push(reference.nadir[index] as number);
  }
  return { ideal, nadir };
}

export function buildProblemStudy(request: ProblemSearchRequest): ProblemStudyParts {
  const problem = resolveProblem(request.problem, request.dataDir === undefined ? {} : { dataDir: request.dataDir });
  const objectives = selectObjectives(problem, request.objectives, request.constraints);
  const createTactic = tacticFactory(request.tactic);
  const settings: StudySettings = {
    formatVersion: 1,
    problem: problem.id,
    objectives,
    tactic: request.tactic,
    tacticOptions: request.tacticOptions ?? {},
    seed: request.seed,
    populationSize: request.populationSize,
    budget: request.budget,
  };
  const basis = problemBasis(problem, objectives);
  const environment: StudyEnvironment = {
    space: problem.space,
    codec: problem.codec,
    evaluators: [problem.createEvaluator()],
    createTactic,
    ...(problem.pool === undefined ? {} : { pool: problem.pool }),
    ...(basis === undefined ? {} : { hypervolumeBasis: basis }),
    ...(problem.features === undefined ? {} : { features: problem.features }),
  };
  return { problem, settings, environment };
}
