import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec } from '../core/objective.js';
import { computeReference } from './reference.js';

const objectives: ObjectiveSpec[] = [
  { name: 'accuracy', direction: 'maximize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms' },
];

describe('computeReference', () => {
  // Rows: accuracy, latency. Row 4 duplicates row 1; row 5 has a missing latency and is ignored.
  const accuracy = [90, 80, 70, 60, 80, 99];
  const latency = [10, 4, 6, 2, 4, Number.NaN];
  const reference = computeReference({
    objectives,
    columns: [accuracy, latency],
    keyOfRow: (row) => `r${row}`,
    nativeId: (key) => `native-${key}`,
  });

  it('gives ideal and nadir in minimisation space over measured rows', () => {
    expect(reference.ideal).toEqual([-90, 2]);
    expect(reference.nadir).toEqual([-60, 10]);
  });

  it('keeps every row of a duplicated front point, sorted, with raw values', () => {
    expect(reference.trueFront).toEqual([
      { key: 'r0', values: [90, 10] },
      { key: 'r1', values: [80, 4] },
      { key: 'r4', values: [80, 4] },
      { key: 'r3', values: [60, 2] },
    ]);
    expect(reference.trueFrontPointCount).toBe(3);
  });

  it('computes the exact normalised hypervolume against (1, 1)', () => {
    // Normalised front: (0, 1), (1/3, 0.25), (1, 0); the area dominated within the unit box is 0.5.
    expect(reference.hvTrue).toBeCloseTo((1 - 1 / 3) * (1 - 0.25), 12);
  });

  it('maps keys to native ids', () => {
    expect(reference.nativeId('r3')).toBe('native-r3');
  });
});
