// The look shared by every report chart: fonts, sizes, grid, and number formats chosen from the data.

import type { Config } from 'vega-lite';
import { REPORT_FONT_FAMILY } from './fonts.js';

export const CHART_WIDTH_PX = 560;
export const CHART_HEIGHT_PX = 380;

export const COLORS = {
  front: '#d95f02',
  evaluated: '#4c78a8',
  infeasible: '#9e9e9e',
  reference: '#333333',
  bound: '#b2182b',
} as const;

export const CHART_CONFIG: Config = {
  font: REPORT_FONT_FAMILY,
  background: 'white',
  padding: 12,
  view: { stroke: '#bbbbbb' },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titlePadding: 10,
    gridColor: '#e8e8e8',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', symbolSize: 80 },
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555555', anchor: 'start', offset: 12 },
};

/** SI prefixes (300M, 12k) for large magnitudes such as MACs or parameter counts; Vega's default otherwise. */
export function axisFormat(values: readonly number[]): { format?: string } {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest >= 1e5 ? { format: '~s' } : {};
}
