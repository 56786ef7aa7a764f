import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { resolveDataDir } from './data-dir.js';
import { listProblems, resolveProblem } from './registry.js';

const dataDir = resolveDataDir();

function errorOf(action: () => unknown): CarveError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CarveError);
    return error as CarveError;
  }
  throw new Error('expected a CarveError');
}

describe('resolveProblem', () => {
  it('builds an NB201 problem with its objectives', () => {
    const problem = resolveProblem('nb201/cifar100/titan_rtx_32', { dataDir });
    expect(problem.id).toBe('nb201/cifar100/titan_rtx_32');
    expect(problem.objectives.map((objective) => [objective.name, objective.direction, objective.unit])).toEqual([
      ['error', 'minimize', '%'],
      ['latency_ms', 'minimize', 'ms'],
    ]);
    expect(problem.pool).toBeUndefined();
    expect(problem.space.name).toBe('nb201');
  });

  it('returns the cached instance for the same id and data folder', () => {
    expect(resolveProblem('nb201/cifar10/pixel3', { dataDir })).toBe(resolveProblem('nb201/cifar10/pixel3', { dataDir }));
  });

  it('names an unknown dataset and lists the valid ones', () => {
    const error = errorOf(() => resolveProblem('nb201/svhn/pixel3', { dataDir }));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.field).toBe('--problem');
    expect(error.message).toContain('unknown dataset "svhn"');
    expect(error.hint).toBe('choose one of cifar10, cifar100, imagenet16_120');
  });

  it('names an unknown device and lists all 27 devices', () => {
    const error = errorOf(() => resolveProblem('nb201/cifar10/pixel9', { dataDir }));
    expect(error.message).toContain('unknown device "pixel9"');
    expect(error.hint).toContain('pixel3');
    expect(error.hint).toContain('raspi4');
    expect(error.hint?.split(', ')).toHaveLength(27);
  });

  it('rejects unknown families, malformed ids and empty ids', () => {
    expect(errorOf(() => resolveProblem('nb301/cifar10/pixel3', { dataDir })).message).toContain('unknown problem family "nb301"');
    expect(errorOf(() => resolveProblem('nb201/cifar10', { dataDir })).hint).toContain('nb201/<dataset>/<device>');
    expect(errorOf(() => resolveProblem('', { dataDir })).code).toBe('BAD_INPUT');
  });

  it('is NOT_FOUND naming the file when the data folder lacks the table', () => {
    const error = errorOf(() => resolveProblem('nb201/cifar10/pixel3', { dataDir: '/tmp' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('/tmp/nb201_hw/nb201_acc_latency.csv');
  });
});

describe('resolveProblem: the other families', () => {
  it('builds accel, ofa-mbv3-logs and macro problems, pools where the table is a sample of the space', () => {
    const accel = resolveProblem('accel/val_top1/latency_zcu102_mean', { dataDir });
    expect(accel.objectives.map((objective) => objective.name)).toEqual(['val_top1', 'latency_zcu102_mean']);
    expect(accel.pool?.length).toBe(5123);
    expect(resolveProblem('ofa-mbv3-logs', { dataDir }).pool?.length).toBe(2162);
    expect(resolveProblem('ofa-mbv3-logs/params', { dataDir }).objectives).toHaveLength(3);
    const macro = resolveProblem('macro/cifar10/params', { dataDir });
    expect(macro.pool).toBeUndefined();
    expect(macro.reference?.trueFront.length).toBe(39);
  });

  it('names malformed ids of the new families', () => {
    expect(errorOf(() => resolveProblem('accel/val_top1', { dataDir })).hint).toContain('accel/<accuracy>/<metric>');
    expect(errorOf(() => resolveProblem('macro/cifar10', { dataDir })).hint).toContain('macro/cifar10/<cost>');
    expect(errorOf(() => resolveProblem('ofa-mbv3-logs/params/x', { dataDir })).field).toBe('--problem');
    expect(errorOf(() => resolveProblem('nas/x', { dataDir })).hint).toContain('accel, ofa-mbv3-logs, macro');
  });
});

describe('listProblems', () => {
  it('lists every problem pattern, each with a description', () => {
    expect(listProblems().map((entry) => entry.pattern)).toEqual([
      'nb201/<dataset>/<device>',
      'accel/<accuracy>/<metric>',
      'ofa-mbv3-logs',
      'ofa-mbv3-logs/params',
      'macro/cifar10/<cost>',
    ]);
    for (const entry of listProblems()) expect(entry.description.length).toBeGreaterThan(40);
  });
});
