// Vega-Lite spec of hypervolume against the number of evaluations spent.

import type { TopLevelSpec } from 'vega-lite';
import { badInput } from '../core/errors.js';
import { axisFormat, CHART_CONFIG, CHART_HEIGHT_PX, CHART_WIDTH_PX, COLORS } from './chart-style.js';
import type { HypervolumePoint } from './types.js';

export interface HypervolumeChartOptions {
  readonly title: string;
  /** How the hypervolume was computed (normalisation, reference point), shown under the title. */
  readonly note?: string | undefined;
}

export function hypervolumeChartSpec(curve: readonly HypervolumePoint[], options: HypervolumeChartOptions): TopLevelSpec {
  if (curve.length === 0) throw badInput('hypervolumeCurve', 'is empty', 'give at least one { evaluations, hypervolume } point or leave it out');
  const rows = curve.filter((point) => Number.isFinite(point.evaluations) && Number.isFinite(point.hypervolume));
  const last = rows[rows.length - 1];
  const subtitle = [
    last === undefined ? null : `final: ${last.hypervolume.toPrecision(5)} after ${last.evaluations} evaluations`,
    options.note ?? null,
  ].filter((line): line is string => line !== null && line !== '');
  const x = { field: 'evaluations', type: 'quantitative', title: 'evaluations', scale: { zero: false, nice: true }, axis: { tickMinStep: 1, ...axisFormat(rows.map((row) => row.evaluations)) } };
  const y = { field: 'hypervolume', type: 'quantitative', title: 'hypervolume (higher is better)', scale: { zero: false, nice: true }, axis: axisFormat(rows.map((row) => row.hypervolume)) };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(subtitle.length === 0 ? {} : { subtitle }) },
    width: CHART_WIDTH_PX,
    height: Math.round(CHART_HEIGHT_PX * 0.7),
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      // Hypervolume only changes when an evaluation lands, so the curve holds its value between points.
      { mark: { type: 'line', interpolate: 'step-after', color: COLORS.evaluated, strokeWidth: 2 } },
      { mark: { type: 'point', filled: true, size: rows.length > 60 ? 12 : 30, color: COLORS.evaluated } },
    ],
    encoding: { x, y },
  };
  return spec as unknown as TopLevelSpec;
}
