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

describe('listProblems', () => {
  it('lists the NB201 pattern', () => {
    expect(listProblems().map((entry) => entry.pattern)).toEqual(['nb201/<dataset>/<device>']);
  });
});
