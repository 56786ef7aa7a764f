// `carve search`: create or resume a study over a problem and run it to its budget.

import type { Command } from 'commander';
import { hostname } from 'node:os';
import { buildStudyFromRecipe, type StudyRecipe } from '../../compose/study-recipe.js';
import { DEFAULT_TACTIC, resolveTacticName } from '../../tactics/index.js';
import type { MacsConvention } from '../../supernets/index.js';
import type { StudyProgress } from '../../study/index.js';
import { badInput } from '../../core/errors.js';
import { openTrialStore, parseStorageUrl } from '../../storage/index.js';
import { COORDINATOR_STARTED_EVENT, STUDY_FINISHED_EVENT, Study } from '../../study/index.js';
import { loadSearchConfig, type SearchConfig } from '../config-file.js';
import type { CliOutput } from '../output.js';
import { parseInteger, parseList, parseSeconds } from '../parse.js';
import { createProgressDisplay } from '../progress.js';
import { formatFrontTable } from './front-table.js';

export const DEFAULT_STORAGE = 'sqlite:.carve/carve.db';
export const DEFAULT_POPULATION = 50;
export const DEFAULT_EVALS = 500;
export const DEFAULT_LEASE_SECONDS = 60;

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
  workers?: string;
  lease?: string;
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
    .option('--workers <where>', 'local (default): evaluate here; remote: only store each batch and wait for `carve worker` processes on the same --storage to evaluate it')
    .option('--lease <seconds>', `with --workers remote: a running trial with no heartbeat from its worker for this long goes back to the queue (default ${DEFAULT_LEASE_SECONDS})`)
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

  const recipe: StudyRecipe = {
    ...(problem === undefined ? {} : { problem }),
    ...(supernet === undefined ? {} : { supernet }),
    ...(objectives === undefined ? {} : { objectives }),
    ...(constraints === undefined ? {} : { constraints }),
    tactic,
    ...(config.tacticOptions === undefined ? {} : { tacticOptions: config.tacticOptions }),
    seed,
    populationSize,
    budget,
    ...(flags.macsConvention === undefined ? {} : { macsConvention: parseMacsConventionFlag(flags.macsConvention) }),
    ...(flags.latencyRuns === undefined ? {} : { latencyRuns: parseInteger(flags.latencyRuns, '--latency-runs', { min: 1, max: 100_000 }) }),
    ...(flags.evaluatorCmd === undefined ? {} : { evaluatorCommand: parseArgv(flags.evaluatorCmd) }),
    ...(flags.evaluatorUrl === undefined ? {} : { evaluatorUrl: flags.evaluatorUrl }),
  };
  const remote = parseWorkersFlag(flags.workers ?? config.workers);
  if (!remote && (flags.lease !== undefined || config.lease !== undefined)) {
    throw badInput('--lease', '--lease (or lease in --config) applies only when workers evaluate the trials', 'add --workers remote (workers: remote), or drop the lease');
  }
  const leaseSeconds = flags.lease === undefined ? (config.lease ?? DEFAULT_LEASE_SECONDS) : parseSeconds(flags.lease, '--lease', { min: 0.1 });
  if (leaseSeconds < 0.1) throw badInput('--lease', `${leaseSeconds} s is too short`, 'give at least 0.1 s (default 60)');
  const leaseMs = leaseSeconds * 1000;
  if (remote && isPrivateSqlite(storageUrl)) {
    throw badInput('--storage', 'sqlite::memory: is private to this process, so no worker can reach it', 'use a file (sqlite:PATH) or postgres://… with --workers remote');
  }
  const { settings, environment, close } = await buildStudyFromRecipe(recipe, {
    onEvaluatorLog: (entry) => {
      evaluatorLog.push({ source: entry.source, message: entry.message });
    },
  });
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
    const onProgress = (progress: StudyProgress): void => {
      display.update(progress);
      void flushLog();
    };
    let final: StudyProgress;
    if (remote) {
      await store.appendEvent(study.record.id, COORDINATOR_STARTED_EVENT, { recipe, leaseMs, coordinator: `${hostname()}:${process.pid}` });
      if (flags.quiet !== true) {
        output.err(`trials are evaluated by workers; start one or more with: carve worker --storage ${quoteArg(storageUrl)} --study ${quoteArg(studyName)}`);
      }
      final = await study.optimizeRemote({
        budget,
        leaseMs,
        onProgress,
        onRequeued: (expired) => {
          if (flags.quiet === true) return;
          const who = [...new Set(expired.map((trial) => trial.worker ?? 'unknown'))].join(', ');
          output.err(`requeued trial ${expired.map((trial) => trial.number).join(', ')}: no sign of life from ${who} for ${leaseMs / 1000} s`);
        },
        onIdle: ({ queued, waitedMs }) => {
          if (flags.quiet === true) return;
          output.err(
            `no worker has taken any of the ${queued} queued trial${queued === 1 ? '' : 's'} for ${Math.round(waitedMs / 1000)} s; start one with: carve worker --storage ${quoteArg(storageUrl)} --study ${quoteArg(studyName)}`,
          );
        },
      });
      await store.appendEvent(study.record.id, STUDY_FINISHED_EVENT, { evaluations: final.evaluations, budget });
    } else {
      final = await study.optimize({ budget, onProgress });
    }
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

function parseWorkersFlag(text: string | undefined): boolean {
  if (text === undefined || text === 'local') return false;
  if (text === 'remote') return true;
  throw badInput('--workers', `unknown value "${text}"`, 'choose local (evaluate in this process) or remote (`carve worker` processes evaluate)');
}

function isPrivateSqlite(storageUrl: string): boolean {
  const target = parseStorageUrl(storageUrl);
  return target.kind === 'sqlite' && target.path === ':memory:';
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
