// Report writers: study reports (HTML, SVG/PNG charts, CSV/JSON tables) from plain data gathered by the caller.

export type {
  HypervolumePoint,
  IterationModel,
  ReportObjective,
  ReportTrial,
  ReportTrialState,
  StudyReportData,
  TacticIteration,
  TrueFrontPoint,
} from './types.js';
export { writeStudyReport, type StudyReportFiles } from './study-report.js';
export { renderHtmlReport, writeHtmlReport } from './html-report.js';
export { renderReportCharts, type PairwiseChart, type ReportCharts } from './report-charts.js';
export { paretoChartSpec, type ParetoAxes } from './pareto-chart.js';
export { hypervolumeChartSpec, type HypervolumeChartOptions } from './hypervolume-chart.js';
export { rasterise, renderSvg, renderVegaLite, type RenderedChart, type RenderedSvg, type RenderOptions } from './render.js';
export { csvField, parseCsv, toCsv, type CsvCell } from './csv.js';
export { toPrettyJson } from './json.js';
export { escapeHtml } from './escape-html.js';
export { frontTrials } from './tables.js';
export { benchChartSpec, type BenchChartOptions, type BenchCurve } from './bench-chart.js';
