// `carve worker`: evaluate the queued trials of a study that a coordinator (`carve search --workers remote`) proposes.

import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { Option, type Command } from 'commander';
import { buildStudyFromRecipe, readRecipe, recipeFromSettings } from '../../compose/study-recipe.js';
import { CarveError, badInput } from '../../core/errors.js';
import { openTrialStore, parseStorageUrl, STORAGE_FORMS_HINT, type StudyRecord, type TrialStore } from '../../storage/index.js';
import {
  assertSameSettings,
  isStudyFinished,
  latestCoordinatorStart,
  runWorker,
  type StudySettings,
  type WorkerBatchSummary,
} from '../../study/index.js';
import type { CliOutput } from '../output.js';
import { parseInteger, parseSeconds } from '../parse.js';
import { DEFAULT_LEASE_SECONDS } from './search.js';

interface WorkerFlags {
  storage?: string;
  study?: string;
  worker?: string;
  batch?: string;
  idleExit?: string;
  wait?: string;
  quiet?: boolean;
  pauseAfterClaim?: string;
}

export function registerWorker(program: Command, output: CliOutput): void {
  program
    .command('worker')
    .description('evaluate the queued trials of a study whose coordinator runs `carve search --workers remote`')
    .option('--storage <url>', 'the coordinator\'s store: postgres://… (many machines) or sqlite:PATH (processes on one machine)')
    .option('--study <name>', 'the study to work on (see `carve studies --storage URL`)')
    .option('--worker <id>', 'this worker\'s name in the store (default: HOST:PID)')
    .option('--batch <n>', 'trials claimed at once (default 1)')
    .option('--idle-exit <seconds>', 'stop after this long with nothing to claim (default: wait until the study is finished)')
    .option('--wait <seconds>', 'wait up to this long for the coordinator to create the study (and, on SQLite, the file); default 0: fail at once')
    .option('--quiet', 'no progress output')
    .addOption(new Option('--pause-after-claim <ms>', 'testing: hold each claim this long before evaluating').hideHelp())
    .addHelpText(
      'after',
      [
        '',
        'A worker builds the study\'s evaluators from what the coordinator stored (problem or super-network,',
        'objectives, evaluator options), then repeats: claim queued trials, evaluate them (a measurement already',
        'stored for an architecture is reused, never repeated), store each measurement, complete or fail each trial.',
        'It renews a lease on the trials it holds; if it dies, the coordinator puts them back in the queue once the',
        'lease (`carve search --lease`) runs out. It exits 0 when the coordinator marks the study finished, or after',
        '--idle-exit seconds with nothing to claim. Start as many as you like once the coordinator has created the study,',
        'or before it with --wait (e.g. as jobs of a cluster that start in any order).',
        '',
        'Example:',
        '  carve search --problem nb201/cifar10/pixel3 --evals 300 --study demo --storage postgres://carve@db:5432/carve --workers remote',
        '  carve worker --storage postgres://carve@db:5432/carve --study demo      # on each machine, as often as you like',
      ].join('\n'),
    )
    .action(async (flags: WorkerFlags) => {
      await runWorkerCommand(flags, output);
    });
}

export async function runWorkerCommand(flags: WorkerFlags, output: CliOutput): Promise<void> {
  if (flags.storage === undefined) {
    throw badInput('--storage', 'no storage given', 'pass the --storage of the coordinator (`carve search … --workers remote`), e.g. --storage postgres://carve@db:5432/carve');
  }
  if (flags.study === undefined) {
    throw badInput('--study', 'no study given', 'pass the name of the coordinator\'s study (see `carve studies --storage URL`)');
  }
  const batchSize = flags.batch === undefined ? 1 : parseInteger(flags.batch, '--batch', { min: 1, max: 10_000 });
  const idleExitMs = flags.idleExit === undefined ? undefined : parseSeconds(flags.idleExit, '--idle-exit') * 1000;
  const pauseAfterClaimMs = flags.pauseAfterClaim === undefined ? undefined : parseInteger(flags.pauseAfterClaim, '--pause-after-claim', { min: 0 });
  const worker = flags.worker ?? `${hostname()}:${process.pid}`;
  if (worker.trim() === '') throw badInput('--worker', 'the worker name is empty', 'give a name, or leave --worker out for HOST:PID');
  const waitMs = flags.wait === undefined ? 0 : parseSeconds(flags.wait, '--wait') * 1000;
  const deadline = Date.now() + waitMs;
  const target = parseStorageUrl(flags.storage);
  if (target.kind === 'sqlite') {
    if (target.path === ':memory:') {
      throw badInput('--storage', 'sqlite::memory: is private to one process, so it holds no coordinator\'s study', 'use the coordinator\'s sqlite:PATH or postgres://… store');
    }
    while (!existsSync(target.path) && Date.now() < deadline) await sleep(WAIT_POLL_MS);
    if (!existsSync(target.path)) {
      throw badInput('--storage', `no SQLite database at ${target.path}${waitMs > 0 ? ` after waiting ${flags.wait} s` : ''}`, `pass the coordinator's --storage (${STORAGE_FORMS_HINT})`);
    }
  }
  const store = await openTrialStore(flags.storage);
  let close: () => Promise<void> = async () => undefined;
  try {
    const record = await waitForStudy(store, flags.study, deadline);
    if (record === null) {
      throw new CarveError('NOT_FOUND', `no study named "${flags.study}" in ${store.location}`, {
        field: '--study',
        hint: 'start the coordinator first (`carve search … --workers remote --study NAME` on the same --storage) or give the worker --wait SECONDS, or check the name with `carve studies --storage URL`',
      });
    }
    const spec = record.spec as StudySettings;
    const start = await latestCoordinatorStart(store, record.id);
    const payload = (start?.payload ?? {}) as { recipe?: unknown; leaseMs?: unknown };
    const recipe = start === null ? recipeFromSettings(spec) : readRecipe(payload.recipe, 'coordinator-started.recipe');
    const leaseMs = typeof payload.leaseMs === 'number' && payload.leaseMs > 0 ? payload.leaseMs : DEFAULT_LEASE_SECONDS * 1000;
    const built = await buildStudyFromRecipe(recipe, {
      onEvaluatorLog: (entry) => {
        void store.appendEvent(record.id, 'evaluator-log', { source: entry.source, message: entry.message, worker }).catch(() => undefined);
      },
    });
    close = built.close;
    // The evaluators must be the ones the study was made with (another carve version would build others).
    assertSameSettings(record.name, spec, built.settings);

    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (flags.quiet !== true) {
      output.err(`worker ${worker} on study "${record.name}" (${store.location}): claiming up to ${batchSize} trial${batchSize === 1 ? '' : 's'} at a time`);
    }
    try {
      const summary = await runWorker({
        store,
        studyId: record.id,
        objectives: spec.objectives,
        evaluators: built.environment.evaluators,
        worker,
        batchSize,
        ...(idleExitMs === undefined ? {} : { idleExitMs }),
        // Several heartbeats per lease, so one slow write does not cost a live worker its trials.
        heartbeatMs: Math.max(50, Math.floor(leaseMs / 4)),
        isFinished: () => isStudyFinished(store, record.id, spec.budget),
        signal: controller.signal,
        ...(pauseAfterClaimMs === undefined ? {} : { pauseAfterClaimMs }),
        onBatch: (batch) => {
          if (flags.quiet !== true) output.err(describeBatch(batch));
        },
      });
      if (flags.quiet !== true) {
        const why = summary.stopped === 'finished' ? 'the study is finished' : summary.stopped === 'idle' ? `nothing to claim for ${flags.idleExit} s` : 'interrupted';
        output.err(
          `worker ${worker} stopped (${why}): ${summary.completed} trials complete (${summary.fromCache} from stored measurements), ` +
            `${summary.failed} failed, ${summary.alreadyFinished} already finished elsewhere, in ${summary.batches} claims`,
        );
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } finally {
    await store.close();
    await close();
  }
}

function describeBatch(batch: WorkerBatchSummary): string {
  const parts = [`${batch.completed.length} complete`];
  if (batch.fromCache.length > 0) parts.push(`${batch.fromCache.length} from stored measurements`);
  if (batch.failed.length > 0) parts.push(`${batch.failed.length} failed`);
  if (batch.alreadyFinished.length > 0) parts.push(`${batch.alreadyFinished.length} already finished elsewhere`);
  return `trial${batch.trials.length === 1 ? '' : 's'} ${batch.trials.join(', ')}: ${parts.join(', ')}`;
}

const WAIT_POLL_MS = 250;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The study once it exists and its coordinator has stored what the worker builds from (the coordinator-started
 * event), polling until `deadline`; at the deadline a study without that event is taken as it is (its stored
 * settings say what to build), and null means there is no study.
 */
async function waitForStudy(store: TrialStore, name: string, deadline: number): Promise<StudyRecord | null> {
  for (;;) {
    const record = await store.getStudy(name);
    if (record !== null && (await latestCoordinatorStart(store, record.id)) !== null) return record;
    if (Date.now() >= deadline) return record;
    await sleep(WAIT_POLL_MS);
  }
}
