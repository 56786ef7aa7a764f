// Vega-Lite spec of a benchmark: median HV ratio against evaluations, with a min-max band, one colour per tactic.

import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_HEIGHT_PX, CHART_WIDTH_PX } from './chart-style.js';

export interface BenchCurve {
  readonly tactic: string;
  readonly median: readonly number[];
  readonly min: readonly number[];
  readonly max: readonly number[];
}

export interface BenchChartOptions {
  readonly title: string;
  readonly subtitle?: string;
  /** Horizontal reference lines, e.g. the 0.99 level. */
  readonly levels?: readonly number[];
  /** Lower end of the y axis (ratios far below the levels squash the interesting part). */
  readonly yMin?: number;
}

export function benchChartSpec(curves: readonly BenchCurve[], options: BenchChartOptions): TopLevelSpec {
  const yMin = options.yMin ?? 0.8;
  const clamp = (value: number): number => Math.max(yMin, value);
  const rows = curves.flatMap((curve) =>
    curve.median.map((median, index) => ({
      tactic: curve.tactic,
      evaluations: index + 1,
      median: clamp(median),
      min: clamp(curve.min[index] as number),
      max: clamp(curve.max[index] as number),
    })),
  );
  const x = { field: 'evaluations', type: 'quantitative', title: 'evaluations (oracle calls)', scale: { nice: true } };
  // The legend shows each tactic's line at full strength (not the pale band the first layer draws).
  const colour = {
    field: 'tactic',
    type: 'nominal',
    title: 'tactic',
    scale: { scheme: 'tableau10' },
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 },
  };
  const levelRows = (options.levels ?? []).map((level) => ({ level }));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, ...(options.subtitle === undefined ? {} : { subtitle: options.subtitle }) },
    width: CHART_WIDTH_PX,
    height: CHART_HEIGHT_PX,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'area', opacity: 0.15, interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'min', type: 'quantitative', title: 'HV / HV_true (median, band = min-max over seeds)', scale: { domain: [yMin, 1], clamp: true } },
          y2: { field: 'max' },
          color: colour,
        },
      },
      {
        data: { values: rows },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x, y: { field: 'median', type: 'quantitative' }, color: colour },
      },
      ...(levelRows.length === 0
        ? []
        : [
            {
              data: { values: levelRows },
              mark: { type: 'rule', strokeDash: [4, 4], color: '#777777' },
              encoding: { y: { field: 'level', type: 'quantitative' } },
            },
          ]),
    ],
  };
  return spec as unknown as TopLevelSpec;
}
