import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import type { Evaluator } from '../evaluators/types.js';
import { openTrialStore } from '../storage/index.js';
import type { TrialStore } from '../storage/types.js';
import { Study } from './study.js';
import { ToyEvaluator, toyEnvironment, toySettings, toySpace } from './testing/toy-study.js';
import type { StudySettings } from './types.js';

const objectives: ObjectiveSpec[] = [
  { name: 'score', direction: 'maximize', unit: '%' },
  { name: 'cost', direction: 'minimize', unit: 'units' },
];

const settings = (overrides: Partial<StudySettings> = {}): StudySettings =>
  toySettings({ objectives, seed: 7, populationSize: 12, budget: 80, ...overrides });
const testSpace = toySpace;
const environment = toyEnvironment;

describe('Study', () => {
  let dir: string;
  let stores: TrialStore[];
  const open = async (name = 'a.db'): Promise<TrialStore> => {
    const store = await openTrialStore(`sqlite:${join(dir, name)}`);
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'carve-study-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spends exactly the budget and never sends an architecture to the evaluator twice', async () => {
    const space = testSpace();
    const evaluator = new ToyEvaluator(space);
    const study = await Study.open({ store: await open(), name: 's', settings: settings(), environment: environment(space, evaluator) });
    const progress = await study.optimize();
    expect(progress.evaluations).toBe(80);
    expect(evaluator.calls).toHaveLength(80);
    expect(new Set(evaluator.calls).size).toBe(80);
    const keys = study.trials().map((trial) => trial.key);
    expect(new Set(keys).size).toBe(80);
    for (const trial of study.trials()) expect(space.key(trial.genome)).toBe(trial.key);
    expect(study.front().length).toBeGreaterThan(0);
  });

  it('resumed after an interruption, proposes exactly what an uninterrupted study proposes', async () => {
    const space = testSpace();
    const reference = await Study.open({ store: await open('ref.db'), name: 's', settings: settings(), environment: environment(space, new ToyEvaluator(space)) });
    await reference.optimize();
    const expected = reference.trials().map((trial) => trial.key);

    const store = await open('crash.db');
    const first = await Study.open({ store, name: 's', settings: settings(), environment: environment(space, new ToyEvaluator(space)) });
    await first.optimize({ budget: 30 }); // a smaller budget first: stops in the middle of the third batch
    const handed = await first.ask(5, 80); // the rest of that batch stored, 5 handed out and never told: a crash
    expect(handed).toHaveLength(5);
    expect(first.evaluationCount).toBe(36);
    const evaluator = new ToyEvaluator(space);
    const resumed = await Study.open({ store, name: 's', settings: settings(), environment: environment(space, evaluator), mode: 'resume' });
    expect(resumed.evaluationCount).toBe(36);
    await resumed.optimize();
    expect(resumed.trials().map((trial) => trial.key)).toEqual(expected);
    // Only what was never measured was evaluated after the restart.
    expect(evaluator.calls.length).toBe(80 - 30);
  });

  it('records a failed evaluation with its reason and keeps searching', async () => {
    const space = testSpace();
    const probe = new ToyEvaluator(space);
    const dry = await Study.open({ store: await open('dry.db'), name: 's', settings: settings({ budget: 12 }), environment: environment(space, probe) });
    await dry.optimize();
    const failKey = probe.calls[3] as string;
    const evaluator = new ToyEvaluator(space, 'toy@1', new Set([failKey]));
    const study = await Study.open({ store: await open(), name: 's', settings: settings(), environment: environment(space, evaluator) });
    const progress = await study.optimize();
    expect(progress.evaluations).toBe(80);
    expect(progress.failed).toBe(1);
    const failed = study.trials().find((trial) => trial.key === failKey);
    expect(failed?.state).toBe('failed');
    expect(failed?.reason).toContain('out of memory on the device');
    expect(study.front().some((member) => member.trial.key === failKey)).toBe(false);
  });

  it('keeps infeasible trials off the front', async () => {
    const space = testSpace();
    const bounded = [objectives[0] as ObjectiveSpec, { ...(objectives[1] as ObjectiveSpec), bound: { op: '<=' as const, value: 40 } }];
    const study = await Study.open({
      store: await open(),
      name: 's',
      settings: settings({ objectives: bounded }),
      environment: environment(space, new ToyEvaluator(space)),
    });
    await study.optimize();
    const costs = study.trials().map((trial) => trial.values?.['cost'] ?? 0);
    expect(costs.some((cost) => cost > 40)).toBe(true);
    expect(study.front().length).toBeGreaterThan(0);
    for (const member of study.front()) expect(member.trial.values?.['cost']).toBeLessThanOrEqual(40);
  });

  it('reuses stored measurements of the same evaluator in another study instead of measuring again', async () => {
    const space = testSpace();
    const store = await open();
    const firstEvaluator = new ToyEvaluator(space);
    await (await Study.open({ store, name: 'one', settings: settings(), environment: environment(space, firstEvaluator) })).optimize();
    const secondEvaluator = new ToyEvaluator(space);
    const second = await Study.open({ store, name: 'two', settings: settings(), environment: environment(space, secondEvaluator) });
    await second.optimize();
    expect(secondEvaluator.calls).toHaveLength(0);
    expect(second.trials().every((trial) => trial.fromCache)).toBe(true);
  });

  it('fails a trial whose result lacks an objective, naming it', async () => {
    const space = testSpace();
    const partial: Evaluator = {
      id: 'partial@1',
      provides: ['score', 'cost'],
      evaluate: async (candidates) => candidates.map(() => ({ ok: true, values: { score: 1 } })),
    };
    const study = await Study.open({ store: await open(), name: 's', settings: settings({ budget: 12 }), environment: environment(space, partial) });
    const progress = await study.optimize();
    expect(progress.failed).toBe(12);
    expect(study.trials()[0]?.reason).toContain('"cost"');
  });

  it('retries retryable failures and turns a throwing evaluator into failed trials', async () => {
    const space = testSpace();
    let calls = 0;
    const flaky: Evaluator = {
      id: 'flaky@1',
      provides: ['score', 'cost'],
      evaluate: async (candidates) => {
        calls += 1;
        if (calls === 1) throw new Error('device disconnected');
        return candidates.map(() => ({ ok: true, values: { score: 1, cost: 1 } }));
      },
    };
    const study = await Study.open({ store: await open(), name: 's', settings: settings({ budget: 12 }), environment: environment(space, flaky) });
    const progress = await study.optimize();
    expect(progress.complete).toBe(12);
    expect(calls).toBe(2);
    const broken: Evaluator = {
      id: 'broken@1',
      provides: ['score', 'cost'],
      evaluate: async () => {
        throw new Error('device disconnected');
      },
    };
    const failing = await Study.open({ store: await open('b.db'), name: 's', settings: settings({ budget: 12 }), environment: environment(space, broken) });
    const failedProgress = await failing.optimize();
    expect(failedProgress.failed).toBe(12);
    expect(failing.trials()[0]?.reason).toContain('device disconnected');
  });

  it('refuses to resume with other settings, naming the setting', async () => {
    const space = testSpace();
    const store = await open();
    await Study.open({ store, name: 's', settings: settings(), environment: environment(space, new ToyEvaluator(space)) });
    await expect(
      Study.open({ store, name: 's', settings: settings({ seed: 8 }), environment: environment(space, new ToyEvaluator(space)) }),
    ).rejects.toMatchObject({ code: 'CONFLICT', field: '--seed' });
  });

  it('ask/tell by hand: a batch is observed only when every trial of it is told', async () => {
    const space = testSpace();
    const study = await Study.open({ store: await open(), name: 's', settings: settings(), environment: environment(space, new ToyEvaluator(space), 'random') });
    const first = await study.ask(5);
    expect(first).toHaveLength(5);
    const again = await study.ask(100);
    expect(again).toHaveLength(12); // the open batch's unfinished trials, not a new batch
    for (const handle of again) await study.tell(handle, { ok: true, values: { score: handle.number, cost: 1 } });
    const next = await study.ask(3);
    expect(next.map((handle) => handle.number)).toEqual([12, 13, 14]);
    await expect(study.tell(0, { ok: true, values: { score: 1, cost: 1 } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
