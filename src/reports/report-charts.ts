// Draws every chart of a study report: the Pareto scatter, pairwise views for 3+ objectives, the hypervolume curve.

import { fileSafe } from './labels.js';
import { hypervolumeChartSpec } from './hypervolume-chart.js';
import { paretoChartSpec } from './pareto-chart.js';
import { renderSvg, renderVegaLite, type RenderedChart, type RenderOptions } from './render.js';
import type { StudyReportData } from './types.js';

/** Pairwise views cover the first few objectives only: six plots are readable, forty-five are not. */
const PAIRWISE_OBJECTIVE_LIMIT = 4;

export interface PairwiseChart {
  readonly xObjective: string;
  readonly yObjective: string;
  /** File name stem, e.g. `pareto-latency_ms-macs`. */
  readonly name: string;
  readonly svg: string;
}

export interface ReportCharts {
  /** First two objectives (coloured by the third when there is one). */
  readonly pareto: RenderedChart;
  /** Every pair of the first four objectives, when there are 3+ objectives; empty otherwise. */
  readonly pairwise: readonly PairwiseChart[];
  /** Present when the data has a non-empty hypervolume curve. */
  readonly hypervolume: RenderedChart | null;
}

export async function renderReportCharts(data: StudyReportData, options: RenderOptions = {}): Promise<ReportCharts> {
  const objectiveCount = data.objectives.length;
  const pareto = await renderVegaLite(paretoChartSpec(data, { x: 0, y: 1, color: objectiveCount >= 3 ? 2 : undefined }), options);

  const pairwise: PairwiseChart[] = [];
  if (objectiveCount >= 3) {
    const limit = Math.min(objectiveCount, PAIRWISE_OBJECTIVE_LIMIT);
    for (let xIndex = 0; xIndex < limit; xIndex += 1) {
      for (let yIndex = xIndex + 1; yIndex < limit; yIndex += 1) {
        const xName = data.objectives[xIndex]?.name as string;
        const yName = data.objectives[yIndex]?.name as string;
        const { svg } = await renderSvg(paretoChartSpec(data, { x: xIndex, y: yIndex }));
        pairwise.push({ xObjective: xName, yObjective: yName, name: `pareto-${fileSafe(xName)}-${fileSafe(yName)}`, svg });
      }
    }
  }

  const curve = data.hypervolumeCurve ?? [];
  const hypervolume =
    curve.length === 0
      ? null
      : await renderVegaLite(
          hypervolumeChartSpec(curve, {
            title: `${data.title ?? data.studyName}: hypervolume over evaluations`,
            note: data.hypervolumeNote,
            trueHypervolume: data.trueHypervolume,
          }),
          options,
        );
  return { pareto, pairwise, hypervolume };
}
