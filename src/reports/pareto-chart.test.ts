import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { paretoChartSpec } from './pareto-chart.js';
import { smallTwoObjectiveStudy, syntheticStudy } from './testing/fixtures.js';
import type { StudyReportData } from './types.js';

interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark: { type: string; interpolate?: string; strokeDash?: number[] };
  encoding: Record<string, { field?: string; datum?: number; title?: unknown; scale?: Record<string, unknown> }>;
}

function layersOf(data: StudyReportData, axes?: Parameters<typeof paretoChartSpec>[1]): Layer[] {
  return (paretoChartSpec(data, axes) as unknown as { layer: Layer[] }).layer;
}

/** The dashed line layer of the true front, when there is one. */
function referenceLine(layers: Layer[]): Layer | undefined {
  return layers.find((layer) => layer.mark.type === 'line' && layer.mark.strokeDash !== undefined);
}

function groupsIn(layers: Layer[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const layer of layers) {
    if (layer.mark.type !== 'point') continue;
    for (const row of layer.data?.values ?? []) {
      const list = groups.get(row['group'] as string) ?? [];
      list.push(row['number'] as number);
      groups.set(row['group'] as string, list);
    }
  }
  return groups;
}

describe('paretoChartSpec, two objectives', () => {
  const data = smallTwoObjectiveStudy();
  const layers = layersOf(data);

  it('puts each complete trial in its group and leaves failed trials out', () => {
    const groups = groupsIn(layers);
    expect(groups.get('Pareto front')?.sort()).toEqual([0, 2, 5]);
    expect(groups.get('Other feasible trials')?.sort()).toEqual([1, 6]);
    expect(groups.get('Infeasible (violates a bound)')).toEqual([4]);
    expect([...groups.values()].flat()).not.toContain(3);
  });

  it('joins the front by a staircase that holds each value until the next point when x is minimised', () => {
    const stairs = layers.filter((layer) => layer.mark.type === 'line' && layer.mark.interpolate !== undefined);
    expect(stairs).toHaveLength(1);
    expect(stairs[0]?.mark.interpolate).toBe('step-after');
    expect(stairs[0]?.data?.values.map((row) => row['number'])).toEqual([0, 2, 5]);
  });

  it('switches the staircase to step-before when x is maximised', () => {
    const flipped: StudyReportData = { ...data, objectives: [data.objectives[1]!, data.objectives[0]!] };
    const stairs = layersOf(flipped).find((layer) => layer.mark.interpolate !== undefined);
    expect(stairs?.mark.interpolate).toBe('step-before');
  });

  it('does not force zero into the domains and titles the axes with unit and direction', () => {
    const scatter = layers.find((layer) => layer.mark.type === 'point');
    expect(scatter?.encoding['x']?.scale?.['zero']).toBe(false);
    expect(scatter?.encoding['y']?.scale?.['zero']).toBe(false);
    expect(scatter?.encoding['x']?.title).toBe('latency_ms (ms, lower is better)');
    expect(scatter?.encoding['y']?.title).toBe('accuracy (%, higher is better)');
  });

  it('draws the latency bound as a vertical rule at its value', () => {
    const rules = layers.filter((layer) => layer.mark.type === 'rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]?.encoding['x']?.datum).toBe(30);
  });

  it('draws no reference line when no true front is given, and a dashed one when it is', () => {
    expect(layers.filter((layer) => layer.mark.type === 'line')).toHaveLength(1);
    const withReference = layersOf({ ...data, trueFront: [{ values: { latency_ms: 12, accuracy: 74 } }, { values: { latency_ms: 8, accuracy: 71 } }] });
    const reference = referenceLine(withReference);
    expect(reference?.data?.values.map((row) => row['x'])).toEqual([8, 12]);
    expect((reference?.mark as { strokeDash?: number[] }).strokeDash).toBeDefined();
  });

  it('draws the true front as the same staircase as the study front, not a straight polyline', () => {
    const trueFront = [{ values: { latency_ms: 12, accuracy: 74 } }, { values: { latency_ms: 8, accuracy: 71 } }];
    const reference = referenceLine(layersOf({ ...data, trueFront }));
    expect(reference?.mark.interpolate).toBe('step-after');
    const flipped: StudyReportData = { ...data, objectives: [data.objectives[1]!, data.objectives[0]!], trueFront };
    expect(referenceLine(layersOf(flipped))?.mark.interpolate).toBe('step-before');
  });

  it('leaves out true-front points dominated in the plotted pair (a front over more objectives), keeping ties', () => {
    const trueFront = [
      { values: { latency_ms: 8, accuracy: 71, macs: 3 } },
      { values: { latency_ms: 10, accuracy: 70, macs: 1 } },
      { values: { latency_ms: 12, accuracy: 74, macs: 9 } },
      { values: { latency_ms: 12, accuracy: 74, macs: 9 } },
    ];
    const reference = referenceLine(layersOf({ ...data, trueFront }));
    expect(reference?.data?.values.map((row) => [row['x'], row['y']])).toEqual([
      [8, 71],
      [12, 74],
      [12, 74],
    ]);
  });
});

describe('paretoChartSpec, a true front beyond the trials', () => {
  const data = smallTwoObjectiveStudy();
  // NB201-like: a cell with a constant output is the fastest of all and far less accurate than any trial.
  const trueFront = [
    { values: { latency_ms: 0.01, accuracy: 10 } },
    { values: { latency_ms: 8, accuracy: 71 } },
    { values: { latency_ms: 12, accuracy: 74 } },
  ];
  const spec = paretoChartSpec({ ...data, trueFront }) as unknown as { layer: Layer[]; title: { subtitle: string } };

  it('fits the axes to the trials and the rest of the true front and clips the reference line', () => {
    const reference = referenceLine(spec.layer);
    expect(reference?.data?.values.map((row) => row['x'])).toEqual([0.01, 8, 12]);
    expect((reference?.mark as { clip?: boolean }).clip).toBe(true);
    const [xLow, xHigh] = reference?.encoding['x']?.scale?.['domain'] as [number, number];
    const [yLow] = reference?.encoding['y']?.scale?.['domain'] as [number, number];
    expect(xLow).toBeGreaterThan(7);
    expect(xLow).toBeLessThan(8);
    expect(xHigh).toBeGreaterThan(35);
    expect(yLow).toBeGreaterThan(60);
    expect(spec.title.subtitle).toMatch(/true front cut at the trials' worst values/);
  });

  it('keeps the padded automatic domains when every true-front point is within the trials', () => {
    const inside = paretoChartSpec({ ...data, trueFront: trueFront.slice(1) }) as unknown as { layer: Layer[]; title: { subtitle: string } };
    const reference = referenceLine(inside.layer);
    expect(reference?.encoding['x']?.scale?.['domain']).toBeUndefined();
    expect(reference?.encoding['x']?.scale?.['padding']).toBe(10);
    expect(inside.title.subtitle).not.toMatch(/cut/);
  });
});

describe('paretoChartSpec, three objectives', () => {
  const data = syntheticStudy({ objectives: 3, trials: 60, seed: 11 });

  it('colours points by the third objective and draws no staircase (a projected front is not one)', () => {
    const layers = layersOf(data, { x: 0, y: 1, color: 2 });
    const coloured = layers.filter((layer) => layer.encoding['color']?.field === 'shade');
    expect(coloured.length).toBeGreaterThan(0);
    expect(layers.some((layer) => layer.mark.interpolate !== undefined)).toBe(false);
    const shades = coloured.flatMap((layer) => layer.data?.values ?? []).map((row) => row['shade']);
    expect(shades.every((value) => typeof value === 'number')).toBe(true);
  });

  it('names the bad field when an axis index is out of range', () => {
    try {
      paretoChartSpec(data, { x: 0, y: 7 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CarveError);
      expect((error as CarveError).field).toBe('axes.y');
    }
  });
});
