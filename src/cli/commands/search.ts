// `carve search`: create or resume a study over a problem and run it to its budget.

import type { Command } from 'commander';
import { buildProblemStudy } from '../../compose/problem-study.js';
import { buildSupernetStudy } from '../../compose/supernet-study.js';
import { DEFAULT_TACTIC, resolveTacticName } from '../../tactics/index.js';
import type { MacsConvention } from '../../supernets/index.js';
import type { StudyEnvironment, StudySettings } from '../../study/index.js';
import { badInput } from '../../core/errors.js';
import { openTrialStore } from '../../storage/index.js';
import { Study } from '../../study/index.js';
import { loadSearchConfig, type SearchConfig } from '../config-file.js';
import type { CliOutput } from '../output.js';
import { parseInteger, parseList } from '../parse.js';
import { createProgressDisplay } from '../progress.js';
import { formatFrontTable } from './front-table.js';

export const DEFAULT_STORAGE = 'sqlite:.carve/carve.db';
export const DEFAULT_POPULATION = 50;
export const DEFAULT_EVALS = 500;

interface SearchFlags {
  problem?: string;
  supernet?: string;
  evaluatorCmd?: string;
  evaluatorUrl?: string;
  macsConvention?: string;
  latencyRuns?: string;
  config?: string;
  objectives?: string;
  constraint?: string[];
  tactic?: string;
  evals?: string;
  population?: string;
  seed?: string;
  storage?: string;
  study?: string;
  new?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function registerSearch(program: Command, output: CliOutput): void {
  program
    .command('search')
    .description('search a problem for its Pareto front; resumes the study if it already exists')
    .option('--problem <id>', 'problem to search, e.g. nb201/cifar10/pixel3 (see `carve problems`)')
    .option('--supernet <id>', 'super-network to search instead of a problem (see `carve spaces`), e.g. ofa-mbv3-w1.0')
    .option('--evaluator-cmd <json>', 'evaluator process as a JSON argv array, e.g. \'["python3","eval.py"]\' (see docs/evaluator-protocol.md)')
    .option('--evaluator-url <url>', 'evaluator speaking the protocol over HTTP')
    .option('--macs-convention <name>', 'conv-linear (default) or torchprofile')
    .option('--latency-runs <n>', 'timed runs per latency measurement (default 60); fewer suits slow inferences such as translations')
    .option('--config <file>', 'YAML or JSON file with any of these settings (flags override it)')
    .option('--objectives <names>', 'comma-separated objectives to optimise (default: all of the problem\'s)')
    .option('--constraint <expr>', 'hard bound such as latency_ms<=20 (repeatable)', collect, [])
    .option('--tactic <name>', `search tactic (see \`carve tactics\`; default: default = ${DEFAULT_TACTIC}, the best measured)`)
    .option('--evals <n>', `evaluation budget, counting every trial (default ${DEFAULT_EVALS})`)
    .option('--population <n>', `population / batch size (default ${DEFAULT_POPULATION})`)
    .option('--seed <n>', 'random seed (default 0)')
    .option('--storage <url>', `sqlite:PATH or postgres://… (default ${DEFAULT_STORAGE})`)
    .option('--study <name>', 'study name (default: <problem>-<tactic>-seed<seed>)')
    .option('--new', 'fail instead of resuming when the study already exists')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the final front as JSON instead of a table')
    .action(async (flags: SearchFlags) => {
      await runSearch(flags, output);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export async function runSearch(flags: SearchFlags, output: CliOutput): Promise<void> {
  const config: SearchConfig = flags.config === undefined ? {} : loadSearchConfig(flags.config);
  const problem = flags.problem ?? config.problem;
  const supernet = flags.supernet;
  if (problem === undefined && supernet === undefined) {
    throw badInput('--problem', 'no problem or super-network given', 'pass --problem ID (see `carve problems`) or --supernet ID (see `carve spaces`), or set `problem:` in --config');
  }
  if (problem !== undefined && supernet !== undefined) {
    throw badInput('--supernet', 'both --problem and --supernet were given', 'search one of them');
  }
  const tactic = resolveTacticName(flags.tactic ?? config.tactic ?? 'default');
  const seed = flags.seed === undefined ? (config.seed ?? 0) : parseInteger(flags.seed, '--seed');
  const populationSize =
    flags.population === undefined ? (config.population ?? DEFAULT_POPULATION) : parseInteger(flags.population, '--population', { min: 1 });
  const budget = flags.evals === undefined ? (config.evals ?? DEFAULT_EVALS) : parseInteger(flags.evals, '--evals', { min: 1 });
  const objectives = parseList(flags.objectives) ?? parseList(config.objectives);
  const constraints = flags.constraint !== undefined && flags.constraint.length > 0 ? flags.constraint : parseList(config.constraints);
  const storageUrl = flags.storage ?? config.storage ?? DEFAULT_STORAGE;
  const target = (problem ?? supernet) as string;
  const studyName = flags.study ?? config.study ?? `${target}-${tactic}-seed${seed}`;
  const evaluatorLog: { source: string; message: string }[] = [];

  let settings: StudySettings;
  let environment: StudyEnvironment;
  let close: () => Promise<void> = async () => undefined;
  if (problem !== undefined) {
    const parts = buildProblemStudy({
      problem,
      tactic,
      seed,
      populationSize,
      budget,
      ...(objectives === undefined ? {} : { objectives }),
      ...(constraints === undefined ? {} : { constraints }),
      ...(config.tacticOptions === undefined ? {} : { tacticOptions: config.tacticOptions }),
    });
    settings = parts.settings;
    environment = parts.environment;
  } else {
    const parts = await buildSupernetStudy({
      supernet: supernet as string,
      objectives: objectives ?? ['macs', 'latency_ms'],
      tactic,
      seed,
      populationSize,
      budget,
      ...(constraints === undefined ? {} : { constraints }),
      ...(config.tacticOptions === undefined ? {} : { tacticOptions: config.tacticOptions }),
      ...(flags.macsConvention === undefined ? {} : { macsConvention: parseMacsConventionFlag(flags.macsConvention) }),
      ...(flags.latencyRuns === undefined ? {} : { latency: { repeats: parseInteger(flags.latencyRuns, '--latency-runs', { min: 1, max: 100_000 }) } }),
      ...(flags.evaluatorCmd === undefined ? {} : { evaluatorCommand: parseArgv(flags.evaluatorCmd) }),
      ...(flags.evaluatorUrl === undefined ? {} : { evaluatorUrl: flags.evaluatorUrl }),
      onEvaluatorLog: (entry) => {
        evaluatorLog.push({ source: entry.source, message: entry.message });
      },
    });
    settings = parts.settings;
    environment = parts.environment;
    close = parts.close;
  }
  const store = await openTrialStore(storageUrl);
  try {
    const study = await Study.open({
      store,
      name: studyName,
      settings,
      environment,
      mode: flags.new === true ? 'create' : 'auto',
    });
    const flushLog = async (): Promise<void> => {
      while (evaluatorLog.length > 0) await store.appendEvent(study.record.id, 'evaluator-log', evaluatorLog.shift());
    };
    const resumed = study.evaluationCount > 0;
    if (flags.quiet !== true) {
      output.err(
        `${resumed ? 'resuming' : 'starting'} study "${studyName}" (${store.location}): ${target}, tactic ${tactic}, ` +
          `seed ${seed}, budget ${budget}${resumed ? `, ${study.evaluationCount} trials already stored` : ''}`,
      );
    }
    const display = createProgressDisplay(output, { quiet: flags.quiet === true });
    const final = await study.optimize({
      budget,
      onProgress: (progress) => {
        display.update(progress);
        void flushLog();
      },
    });
    display.stop(final);
    await flushLog();
    const front = study.front();
    if (flags.json === true) {
      output.out(
        JSON.stringify(
          {
            study: studyName,
            evaluations: final.evaluations,
            complete: final.complete,
            failed: final.failed,
            hypervolume: final.hypervolume,
            front: front.map((member) => ({ number: member.trial.number, key: member.trial.key, config: member.trial.config, values: member.trial.values })),
          },
          null,
          2,
        ),
      );
    } else {
      output.out(formatFrontTable(front, settings.objectives));
      output.out(`study "${studyName}": ${final.evaluations} trials, front of ${front.length}; report with: carve report --study ${quoteArg(studyName)} --storage ${storageUrl} --out DIR`);
    }
  } finally {
    await store.close();
    await close();
  }
}

function parseArgv(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string')) {
    throw badInput('--evaluator-cmd', `expected a JSON array of strings, got ${text}`, 'e.g. --evaluator-cmd \'["python3","my_eval.py"]\'');
  }
  return parsed as string[];
}

function parseMacsConventionFlag(text: string): MacsConvention {
  if (text !== 'conv-linear' && text !== 'torchprofile') {
    throw badInput('--macs-convention', `unknown convention "${text}"`, 'choose conv-linear or torchprofile');
  }
  return text;
}

function quoteArg(text: string): string {
  return /^[\w./:@-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
