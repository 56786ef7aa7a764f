// Test fixtures: a 12-architecture toy space searched by a real Study, and the hostile evaluator's command line.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ObjectiveSpec } from '../../../core/objective.js';
import { createRecordCodec, createSearchSpace } from '../../../space/index.js';
import type { SearchSpace } from '../../../space/types.js';
import { openTrialStore } from '../../../storage/index.js';
import type { MeasurementRecord, TrialRecord } from '../../../storage/types.js';
import { Study } from '../../../study/index.js';
import type { StudyProgress } from '../../../study/index.js';
import { tacticFactory } from '../../../tactics/index.js';
import type { Evaluator } from '../../types.js';
import type { ExternalLogEntry } from '../evaluator-child.js';

/** Debian's interpreter when present (the one users run), else whatever python3 is on the PATH. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const HOSTILE_SCRIPT = fileURLToPath(new URL('./hostile_evaluator.py', import.meta.url));
export const HELPER_DIR = fileURLToPath(new URL('../../../../python/', import.meta.url));

export const TOY_OBJECTIVES: readonly ObjectiveSpec[] = [
  { name: 'accuracy', direction: 'maximize', unit: '%' },
  { name: 'size', direction: 'minimize', unit: 'units' },
];

export interface ToyConfig {
  readonly width: number;
  readonly depth: number;
}

/** width in 1..4, depth in 1..3: 12 architectures, all visited by a random search with a budget of 12. */
export function toySpace(): SearchSpace {
  return createSearchSpace({
    name: 'toy-external',
    genes: [
      { name: 'width', choices: [1, 2, 3, 4] },
      { name: 'depth', choices: [1, 2, 3] },
    ],
  });
}

/** What the hostile evaluator computes when it behaves (same formula as measure() in hostile_evaluator.py). */
export function toyValues(config: ToyConfig): { accuracy: number; size: number } {
  return { accuracy: 50 + 10 * config.width + 3 * config.depth, size: config.width * config.depth };
}

export function hostileCommand(mode: string): string[] {
  return [PYTHON, HOSTILE_SCRIPT, mode];
}

/** A scratch folder for a test's store and the hostile script's counters. */
export function scratchDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'carve-external-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Environment for the hostile script: the helper importable, counters kept in the scratch folder. */
export function hostileEnv(stateDir: string): Record<string, string> {
  return { PYTHONPATH: HELPER_DIR, CARVE_TEST_STATE: stateDir, PYTHONDONTWRITEBYTECODE: '1' };
}

export interface ToyStudyRun {
  readonly trials: readonly TrialRecord[];
  readonly progress: StudyProgress;
  readonly measurements: ReadonlyMap<string, MeasurementRecord>;
}

/** Runs a whole random search over the toy space with the given evaluator, in a SQLite store in `dir`. */
export async function runToyStudy(evaluator: Evaluator, dir: string, budget = 12): Promise<ToyStudyRun> {
  const space = toySpace();
  const store = await openTrialStore(`sqlite:${join(dir, 'study.db')}`);
  try {
    const study = await Study.open({
      store,
      name: 'external',
      settings: {
        formatVersion: 1,
        problem: null,
        objectives: TOY_OBJECTIVES,
        tactic: 'random',
        tacticOptions: {},
        seed: 11,
        populationSize: 4,
        budget,
      },
      environment: { space, codec: createRecordCodec(space), evaluators: [evaluator], createTactic: tacticFactory('random') },
    });
    const progress = await study.optimize();
    const trials = await store.listTrials(study.record.id);
    const measurements = await store.getMeasurements(
      evaluator.id,
      trials.map((trial) => trial.key),
    );
    return { trials, progress, measurements };
  } finally {
    await store.close();
  }
}

/** Collects log entries, for assertions on what was logged. */
export function logRecorder(): { entries: ExternalLogEntry[]; log: (entry: ExternalLogEntry) => void; text: (source?: ExternalLogEntry['source']) => string } {
  const entries: ExternalLogEntry[] = [];
  return {
    entries,
    log: (entry) => entries.push(entry),
    text: (source) =>
      entries
        .filter((entry) => source === undefined || entry.source === source)
        .map((entry) => entry.message)
        .join('\n'),
  };
}
