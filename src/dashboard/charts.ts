// The study page's charts: the report's own Pareto and hypervolume specs, drawn to SVG only (no PNG), and
// redrawn only when the finished trials changed.

import { hypervolumeChartSpec, paretoChartSpec, renderSvg, type StudyReportData } from '../reports/index.js';

export interface DashboardCharts {
  /** Null until a trial is complete. */
  readonly pareto: string | null;
  /** Null until a trial is finished. */
  readonly hypervolume: string | null;
}

export async function renderDashboardCharts(data: StudyReportData): Promise<DashboardCharts> {
  const complete = data.trials.some((trial) => trial.state === 'complete' && trial.values !== null);
  const pareto =
    complete && data.objectives.length >= 2
      ? (await renderSvg(paretoChartSpec(data, { x: 0, y: 1, color: data.objectives.length >= 3 ? 2 : undefined }))).svg
      : null;
  const curve = data.hypervolumeCurve ?? [];
  const hypervolume =
    curve.length === 0
      ? null
      : (
          await renderSvg(
            hypervolumeChartSpec(curve, {
              title: `${data.studyName}: hypervolume over evaluations`,
              note: data.hypervolumeNote,
              trueHypervolume: data.trueHypervolume,
            }),
          )
        ).svg;
  return { pareto, hypervolume };
}

/** Keeps the last drawing per study; a study's charts change only when a trial finishes. */
export class ChartCache {
  private readonly entries = new Map<string, { stamp: string; charts: Promise<DashboardCharts> }>();

  async get(data: StudyReportData): Promise<DashboardCharts> {
    const stamp = chartStamp(data);
    const cached = this.entries.get(data.studyName);
    if (cached !== undefined && cached.stamp === stamp) return cached.charts;
    const charts = renderDashboardCharts(data);
    this.entries.set(data.studyName, { stamp, charts });
    charts.catch(() => this.entries.delete(data.studyName));
    return charts;
  }
}

/** What the charts depend on: the finished trials (numbers and states) and the study's identity. */
function chartStamp(data: StudyReportData): string {
  return `${data.createdAt ?? ''}|${data.trials.map((trial) => `${trial.number}${trial.state[0] ?? ''}`).join(',')}`;
}
