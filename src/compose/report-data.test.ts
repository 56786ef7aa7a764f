import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import type { StudyEvent, StudyRecord, TrialRecord } from '../storage/types.js';
import type { StudySettings } from '../study/index.js';
import { buildReportData, tacticIterations, trueFrontHypervolume } from './report-data.js';

const objectives: ObjectiveSpec[] = [
  { name: 'error', direction: 'minimize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms' },
];
/** error and latency both span [0, 10], so a value v normalises to v / 10. */
const basis = { ideal: [0, 0], nadir: [10, 10] };

function event(payload: unknown, kind = 'tactic-iteration', seq = 0): StudyEvent {
  return { studyId: 1, seq, kind, payload, createdAt: '2025-01-01T00:00:00.000Z' };
}

const record: StudyRecord = {
  id: 1,
  name: 'tiny',
  spec: { formatVersion: 1, problem: null, objectives, tactic: 'carve', tacticOptions: {}, seed: 1, populationSize: 4, budget: 4 } as unknown as StudySettings,
  createdAt: '2025-01-01T00:00:00.000Z',
};

function trial(number: number, values: Record<string, number>): TrialRecord {
  return {
    studyId: 1,
    number,
    key: `k${number}`,
    genome: [number],
    config: {},
    batch: 0,
    state: 'complete',
    values,
    reason: null,
    worker: null,
    attempts: 1,
    fromCache: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    heartbeatAt: null,
    completedAt: null,
  };
}

describe('tacticIterations', () => {
  const good = {
    batch: 4,
    observed: 40,
    models: [
      { objective: 'error', model: 'proxy+svr', cvKendallTau: 0.74, cvRmse: 2.87 },
      { objective: 'latency_ms', model: 'exact', cvKendallTau: null, cvRmse: null },
    ],
    endSlots: [2, 2],
  };

  it('reads batch, observed and the models, keeps null scores and drops the fields that vary by tactic', () => {
    expect(tacticIterations([event(good)])).toEqual([
      {
        batch: 4,
        observed: 40,
        models: [
          { objective: 'error', model: 'proxy+svr', cvKendallTau: 0.74, cvRmse: 2.87 },
          { objective: 'latency_ms', model: 'exact', cvKendallTau: null, cvRmse: null },
        ],
      },
    ]);
  });

  it('skips malformed payloads and events of other kinds instead of failing, keeping the rest in order', () => {
    const events = [
      event({ ...good, batch: 1 }, 'tactic-iteration', 0),
      event('not an object', 'tactic-iteration', 1),
      event(null, 'tactic-iteration', 2),
      event({ observed: 20, models: good.models }, 'tactic-iteration', 3),
      event({ batch: 2.5, observed: 20, models: good.models }, 'tactic-iteration', 4),
      event({ batch: 2, observed: '20', models: good.models }, 'tactic-iteration', 5),
      event({ batch: 2, observed: 20, models: 'svr' }, 'tactic-iteration', 6),
      event({ batch: 2, observed: 20 }, 'tactic-iteration', 7),
      event({ batch: 2, observed: 20, models: [{ objective: 'error', model: 'svr', cvKendallTau: 'high', cvRmse: 1 }] }, 'tactic-iteration', 8),
      event({ ...good, batch: 3 }, 'evaluator-log', 9),
      event({ ...good, batch: 5 }, 'tactic-iteration', 10),
    ];
    expect(tacticIterations(events).map((iteration) => iteration.batch)).toEqual([1, 5]);
  });

  it('drops a malformed model entry but keeps the well-formed ones of the same batch', () => {
    const payload = { batch: 2, observed: 20, models: [{ objective: 'error' }, 7, { objective: 'latency_ms', model: 'ridge', cvKendallTau: 0.9, cvRmse: 0.4 }] };
    expect(tacticIterations([event(payload)])).toEqual([
      { batch: 2, observed: 20, models: [{ objective: 'latency_ms', model: 'ridge', cvKendallTau: 0.9, cvRmse: 0.4 }] },
    ]);
  });
});

describe('trueFrontHypervolume', () => {
  it('is 0.25 for the single normalised point (0.5, 0.5) against the reference (1, 1)', () => {
    expect(trueFrontHypervolume([{ values: { error: 5, latency_ms: 5 } }], objectives, basis)).toBeCloseTo(0.25, 12);
  });

  it('unions the boxes of several points: (0.25, 0.75) and (0.75, 0.25) give 0.3125', () => {
    const front = [{ values: { error: 2.5, latency_ms: 7.5 } }, { values: { error: 7.5, latency_ms: 2.5 } }];
    expect(trueFrontHypervolume(front, objectives, basis)).toBeCloseTo(0.3125, 12);
  });

  it('leaves out points that violate a bound or miss an objective, as the curve does', () => {
    const bounded: ObjectiveSpec[] = [{ ...objectives[0]!, bound: { op: '<=', value: 6 } }, objectives[1]!];
    const front = [{ values: { error: 5, latency_ms: 5 } }, { values: { error: 8, latency_ms: 1 } }, { values: { error: 1 } }];
    expect(trueFrontHypervolume(front, bounded, basis)).toBeCloseTo(0.25, 12);
  });
});

describe('buildReportData', () => {
  const trials = [trial(0, { error: 8, latency_ms: 8 }), trial(1, { error: 5, latency_ms: 5 })];

  it('adds the true front hypervolume on the curve basis: a study that found the whole front reaches it', () => {
    const data = buildReportData({ record, trials, storage: 'memory', basis, trueFront: [{ values: { error: 5, latency_ms: 5 } }] });
    expect(data.trueHypervolume).toBeCloseTo(0.25, 12);
    expect(data.hypervolumeCurve?.at(-1)?.hypervolume).toBeCloseTo(data.trueHypervolume as number, 12);
  });

  it('leaves trueHypervolume and iterations out when there is no true front and no event', () => {
    const data = buildReportData({ record, trials, storage: 'memory', basis });
    expect('trueHypervolume' in data).toBe(false);
    expect('iterations' in data).toBe(false);
  });

  it('fills the iterations from the events it is given', () => {
    const events = [event({ batch: 1, observed: 10, models: [{ objective: 'error', model: 'svr', cvKendallTau: 0.5, cvRmse: 3 }] })];
    const data = buildReportData({ record, trials, storage: 'memory', events });
    expect(data.iterations).toEqual([{ batch: 1, observed: 10, models: [{ objective: 'error', model: 'svr', cvKendallTau: 0.5, cvRmse: 3 }] }]);
  });
});
