// What a study is built from (problem or super-network, objectives, tactic, evaluator options): the one path
// `carve search` and `carve worker` both take to a study's settings and evaluators.

import { badInput } from '../core/errors.js';
import type { ExternalLogEntry } from '../evaluators/external/index.js';
import type { StudyEnvironment, StudySettings } from '../study/index.js';
import type { MacsConvention } from '../supernets/index.js';
import { buildProblemStudy } from './problem-study.js';
import { buildSupernetStudy } from './supernet-study.js';
import type { SearchRequestBase } from './search-request.js';

/** Plain JSON: a coordinator stores it in its `coordinator-started` event, and workers build from it. */
export interface StudyRecipe extends SearchRequestBase {
  readonly problem?: string;
  readonly supernet?: string;
  /** Objective names in order; default: all of a problem's, or macs and latency_ms for a super-network. */
  readonly objectives?: readonly string[];
  readonly macsConvention?: MacsConvention;
  /** Timed runs per latency measurement. */
  readonly latencyRuns?: number;
  /** argv of an evaluator process speaking carve's JSON-lines protocol. */
  readonly evaluatorCommand?: readonly string[];
  /** Base URL of an evaluator speaking the protocol over HTTP. */
  readonly evaluatorUrl?: string;
}

export interface BuiltStudy {
  readonly settings: StudySettings;
  readonly environment: StudyEnvironment;
  /** Stops evaluator processes and sessions. */
  close(): Promise<void>;
}

export const DEFAULT_SUPERNET_OBJECTIVES: readonly string[] = ['macs', 'latency_ms'];

export async function buildStudyFromRecipe(
  recipe: StudyRecipe,
  hooks: { readonly onEvaluatorLog?: (entry: ExternalLogEntry) => void } = {},
): Promise<BuiltStudy> {
  if (recipe.problem === undefined && recipe.supernet === undefined) {
    throw badInput('--problem', 'no problem or super-network given', 'pass --problem ID (see `carve problems`) or --supernet ID (see `carve spaces`), or set `problem:` in --config');
  }
  if (recipe.problem !== undefined && recipe.supernet !== undefined) {
    throw badInput('--supernet', 'both --problem and --supernet were given', 'search one of them');
  }
  const common = {
    tactic: recipe.tactic,
    seed: recipe.seed,
    populationSize: recipe.populationSize,
    budget: recipe.budget,
    ...(recipe.constraints === undefined ? {} : { constraints: recipe.constraints }),
    ...(recipe.tacticOptions === undefined ? {} : { tacticOptions: recipe.tacticOptions }),
  };
  if (recipe.problem !== undefined) {
    const parts = buildProblemStudy({ problem: recipe.problem, ...common, ...(recipe.objectives === undefined ? {} : { objectives: recipe.objectives }) });
    return { settings: parts.settings, environment: parts.environment, close: async () => undefined };
  }
  const parts = await buildSupernetStudy({
    supernet: recipe.supernet as string,
    objectives: recipe.objectives ?? DEFAULT_SUPERNET_OBJECTIVES,
    ...common,
    ...(recipe.macsConvention === undefined ? {} : { macsConvention: recipe.macsConvention }),
    ...(recipe.latencyRuns === undefined ? {} : { latency: { repeats: recipe.latencyRuns } }),
    ...(recipe.evaluatorCommand === undefined ? {} : { evaluatorCommand: recipe.evaluatorCommand }),
    ...(recipe.evaluatorUrl === undefined ? {} : { evaluatorUrl: recipe.evaluatorUrl }),
    ...(hooks.onEvaluatorLog === undefined ? {} : { onEvaluatorLog: hooks.onEvaluatorLog }),
  });
  return parts;
}

/**
 * The recipe a study's stored settings imply with default evaluator options: enough for a problem study, and
 * for a super-network study run with the default MACs convention, latency runs and no external evaluator.
 */
export function recipeFromSettings(settings: StudySettings): StudyRecipe {
  const constraints = settings.objectives
    .filter((objective) => objective.bound !== undefined)
    .map((objective) => `${objective.name}${objective.bound?.op}${String(objective.bound?.value)}`);
  return {
    ...(settings.problem === null || settings.problem === undefined ? {} : { problem: settings.problem }),
    ...(settings.supernet === null || settings.supernet === undefined ? {} : { supernet: settings.supernet }),
    objectives: settings.objectives.map((objective) => objective.name),
    ...(constraints.length === 0 ? {} : { constraints }),
    tactic: settings.tactic,
    tacticOptions: settings.tacticOptions,
    seed: settings.seed,
    populationSize: settings.populationSize,
    budget: settings.budget,
  };
}

/** A recipe read back from the store; BAD_INPUT naming the field when it is not one. */
export function readRecipe(value: unknown, field = 'recipe'): StudyRecipe {
  const fail = (what: string): never => {
    throw badInput(field, `the stored study recipe is unreadable: ${what}`, 'restart the coordinator (`carve search … --workers remote`) with this version of carve');
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('not an object');
  const recipe = value as Record<string, unknown>;
  const isString = (key: string): boolean => recipe[key] === undefined || typeof recipe[key] === 'string';
  const isStrings = (key: string): boolean =>
    recipe[key] === undefined || (Array.isArray(recipe[key]) && (recipe[key] as unknown[]).every((item) => typeof item === 'string'));
  const isInteger = (key: string, optional: boolean): boolean =>
    (optional && recipe[key] === undefined) || Number.isSafeInteger(recipe[key]);
  for (const key of ['problem', 'supernet', 'macsConvention', 'evaluatorUrl']) if (!isString(key)) fail(`${key} is not a string`);
  for (const key of ['objectives', 'constraints', 'evaluatorCommand']) if (!isStrings(key)) fail(`${key} is not a list of strings`);
  if (typeof recipe['tactic'] !== 'string') fail('tactic is missing');
  for (const key of ['seed', 'populationSize', 'budget']) if (!isInteger(key, false)) fail(`${key} is not an integer`);
  if (!isInteger('latencyRuns', true)) fail('latencyRuns is not an integer');
  const options = recipe['tacticOptions'];
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) fail('tacticOptions is not an object');
  if (recipe['macsConvention'] !== undefined && recipe['macsConvention'] !== 'conv-linear' && recipe['macsConvention'] !== 'torchprofile') {
    fail(`unknown macsConvention "${String(recipe['macsConvention'])}"`);
  }
  return recipe as unknown as StudyRecipe;
}
