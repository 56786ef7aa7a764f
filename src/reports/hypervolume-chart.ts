// Vega-Lite spec of hypervolume against the number of evaluations spent, with the true front's as a ceiling when known.

import type { TopLevelSpec } from 'vega-lite';
import { badInput } from '../core/errors.js';
import { axisFormat, CHART_CONFIG, CHART_HEIGHT_PX, CHART_WIDTH_PX, COLORS } from './chart-style.js';
import type { HypervolumePoint } from './types.js';

export interface HypervolumeChartOptions {
  readonly title: string;
  /** How the hypervolume was computed (normalisation, reference point), shown under the title. */
  readonly note?: string | undefined;
  /** Hypervolume of the true front on the same basis, drawn as a dashed rule: the most a study could reach. */
  readonly trueHypervolume?: number | undefined;
}

export function hypervolumeChartSpec(curve: readonly HypervolumePoint[], options: HypervolumeChartOptions): TopLevelSpec {
  if (curve.length === 0) throw badInput('hypervolumeCurve', 'is empty', 'give at least one { evaluations, hypervolume } point or leave it out');
  const rows = curve.filter((point) => Number.isFinite(point.evaluations) && Number.isFinite(point.hypervolume));
  const last = rows[rows.length - 1];
  const ceiling = options.trueHypervolume !== undefined && Number.isFinite(options.trueHypervolume) ? options.trueHypervolume : undefined;
  const subtitle = [
    last === undefined ? null : `final: ${last.hypervolume.toPrecision(5)} after ${last.evaluations} evaluations`,
    ceiling === undefined ? null : `dashed: the true front's hypervolume ${ceiling.toPrecision(5)}`,
    options.note ?? null,
  ].filter((line): line is string => line !== null && line !== '');
  const yValues = [...rows.map((row) => row.hypervolume), ...(ceiling === undefined ? [] : [ceiling])];
  const x = { field: 'evaluations', type: 'quantitative', title: 'evaluations', scale: { zero: false, nice: true }, axis: { tickMinStep: 1, ...axisFormat(rows.map((row) => row.evaluations)) } };
  // The domain is given outright so that the rule is always in view, however far below it the curve stays.
  const yScale = { zero: false, nice: true, ...(ceiling === undefined ? {} : { domain: [Math.min(...yValues), Math.max(...yValues)] }) };
  const y = { field: 'hypervolume', type: 'quantitative', title: 'hypervolume (higher is better)', scale: yScale, axis: axisFormat(yValues) };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(subtitle.length === 0 ? {} : { subtitle }) },
    width: CHART_WIDTH_PX,
    height: Math.round(CHART_HEIGHT_PX * 0.7),
    config: CHART_CONFIG,
    layer: [
      // Hypervolume only changes when an evaluation lands, so the curve holds its value between points.
      { data: { values: rows }, mark: { type: 'line', interpolate: 'step-after', color: COLORS.evaluated, strokeWidth: 2 }, encoding: { x, y } },
      { data: { values: rows }, mark: { type: 'point', filled: true, size: rows.length > 60 ? 12 : 30, color: COLORS.evaluated }, encoding: { x, y } },
      ...(ceiling === undefined ? [] : [trueFrontRule(ceiling)]),
    ],
  };
  return spec as unknown as TopLevelSpec;
}

/** A horizontal dashed rule across the whole plot at the true front's hypervolume (one row to draw it from). */
function trueFrontRule(value: number): Record<string, unknown> {
  return {
    data: { values: [{}] },
    mark: { type: 'rule', color: COLORS.reference, strokeDash: [6, 4], strokeWidth: 1.5 },
    encoding: { y: { datum: value, type: 'quantitative' } },
  };
}
