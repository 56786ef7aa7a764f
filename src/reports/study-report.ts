// Writes every file of a study report into one folder: tables (CSV/JSON), charts (SVG/PNG) and the HTML page.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCsv } from './csv.js';
import { writeHtmlReport } from './html-report.js';
import { toPrettyJson } from './json.js';
import { renderReportCharts } from './report-charts.js';
import type { RenderOptions } from './render.js';
import {
  frontCsvHeader,
  frontCsvRows,
  frontJson,
  iterationsCsvHeader,
  iterationsCsvRows,
  iterationsJson,
  trialsCsvHeader,
  trialsCsvRows,
  trialsJson,
} from './tables.js';
import type { StudyReportData } from './types.js';
import { checkReportData } from './validate.js';

export interface StudyReportFiles {
  /** Paths of the files written, in the order they were written. */
  readonly files: string[];
}

/**
 * front.csv/json, trials.csv/json, iterations.csv/json (when a tactic described at least one iteration),
 * pareto.svg/png, pareto-X-Y.svg for each pair of the first four objectives (3+ objectives),
 * hypervolume.svg/png (when a curve is given) and report.html. Creates outDir if needed.
 */
export async function writeStudyReport(data: StudyReportData, outDir: string, options: RenderOptions = {}): Promise<StudyReportFiles> {
  checkReportData(data);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, content: string | Buffer): Promise<void> => {
    const path = join(outDir, name);
    await writeFile(path, content);
    files.push(path);
  };

  await write('front.csv', toCsv(frontCsvHeader(data.objectives), frontCsvRows(data)));
  await write('front.json', toPrettyJson(frontJson(data)));
  await write('trials.csv', toCsv(trialsCsvHeader(data.objectives), trialsCsvRows(data)));
  await write('trials.json', toPrettyJson(trialsJson(data)));
  if ((data.iterations ?? []).length > 0) {
    await write('iterations.csv', toCsv(iterationsCsvHeader(), iterationsCsvRows(data)));
    await write('iterations.json', toPrettyJson(iterationsJson(data)));
  }

  const charts = await renderReportCharts(data, options);
  await write('pareto.svg', charts.pareto.svg);
  await write('pareto.png', charts.pareto.png);
  for (const chart of charts.pairwise) await write(`${chart.name}.svg`, chart.svg);
  if (charts.hypervolume !== null) {
    await write('hypervolume.svg', charts.hypervolume.svg);
    await write('hypervolume.png', charts.hypervolume.png);
  }
  files.push(await writeHtmlReport(data, join(outDir, 'report.html'), charts));
  return { files };
}
