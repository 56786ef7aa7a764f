// One self-contained HTML page per study: summary, inline charts, the front with native configs, failed trials.
// No scripts and no external resources, so the file can be mailed or archived and still open as written.

import { writeFile } from 'node:fs/promises';
import { escapeHtml } from './escape-html.js';
import { betterWord, boundText, formatShort, formatValue } from './labels.js';
import { renderReportCharts, type ReportCharts } from './report-charts.js';
import type { RenderOptions } from './render.js';
import { configJson, countTrials, frontTrials } from './tables.js';
import type { HypervolumePoint, IterationModel, StudyReportData } from './types.js';
import { checkReportData } from './validate.js';

export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.3rem; }
.subtitle { color: #555; margin-top: 0; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.2rem; margin: 1rem 0; }
dl.summary dt { color: #555; }
dl.summary dd { margin: 0; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption, p.note { color: #555; font-size: 0.9rem; }
.pairwise { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code.config { font-size: 0.8rem; word-break: break-all; white-space: pre-wrap; }
td.reason { white-space: pre-wrap; }
.empty { color: #777; font-style: italic; }
`;

/** Ids of each inline SVG get a prefix: Vega numbers gradients and clips per drawing, and one page holds several. */
function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}-$1"`);
}

/** Vega's SVG declares its own namespaces; inside HTML only the drawing is needed, which keeps URLs out of the page. */
export function inlineSvg(svg: string, prefix: string): string {
  return scopeSvgIds(svg, prefix)
    .replace(/\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '')
    .replace(/\sxmlns:xlink="http:\/\/www\.w3\.org\/1999\/xlink"/, '');
}

function summaryRow(label: string, value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  return `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(String(value))}</dd>`;
}

function objectivesTable(data: StudyReportData): string {
  const rows = data.objectives
    .map(
      (objective) =>
        `<tr><td>${escapeHtml(objective.name)}</td><td>${escapeHtml(objective.unit)}</td><td>${escapeHtml(
          `${objective.direction} (${betterWord(objective)})`,
        )}</td><td>${escapeHtml(boundText(objective) ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<table class="objectives"><thead><tr><th>objective</th><th>unit</th><th>direction</th><th>bound</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
}

export function frontTable(data: StudyReportData): string {
  const front = frontTrials(data);
  if (front.length === 0) return '<p class="empty">No feasible complete trial yet, so the front is empty.</p>';
  const header = ['trial', 'key', ...data.objectives.map((objective) => (objective.unit.trim() === '' ? objective.name : `${objective.name} (${objective.unit})`)), 'native config'];
  const rows = front.map((trial) => {
    const values = data.objectives.map((objective) => `<td class="number">${escapeHtml(formatValue(trial.values?.[objective.name]))}</td>`).join('');
    return `<tr><td class="number">${trial.number}</td><td><code>${escapeHtml(trial.key)}</code></td>${values}<td><code class="config">${escapeHtml(configJson(trial.config))}</code></td></tr>`;
  });
  return `<table id="front-table" class="front"><thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function failedTable(data: StudyReportData): string {
  const failed = data.trials.filter((trial) => trial.state === 'failed');
  if (failed.length === 0) return '<p class="empty">No trial failed.</p>';
  const rows = failed.map(
    (trial) =>
      `<tr><td class="number">${trial.number}</td><td><code>${escapeHtml(trial.key)}</code></td><td class="reason">${escapeHtml(trial.reason ?? '(no reason recorded)')}</td></tr>`,
  );
  return `<table id="failed-table" class="failed"><thead><tr><th>trial</th><th>key</th><th>reason</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** E.g. `0.9913 (final: 98.81% of it)`: how much of what the problem allows the study reached. */
function trueHypervolumeText(trueHypervolume: number, finalPoint: HypervolumePoint | undefined): string {
  const share =
    finalPoint === undefined || !(trueHypervolume > 0) ? '' : ` (final: ${((100 * finalPoint.hypervolume) / trueHypervolume).toFixed(2)}% of it)`;
  return `${formatValue(trueHypervolume)}${share}`;
}

/** Objectives named in the iterations: the study's order first, then any other name a tactic used. */
function iterationObjectives(data: StudyReportData): string[] {
  const named = new Set((data.iterations ?? []).flatMap((iteration) => iteration.models.map((model) => model.objective)));
  const ordered = data.objectives.map((objective) => objective.name).filter((name) => named.has(name));
  return [...ordered, ...[...named].filter((name) => !ordered.includes(name))];
}

/** E.g. `proxy+svr, tau 0.74, RMSE 2.87`; scores are left out when the model was not chosen by cross-validation. */
function modelCell(model: IterationModel | undefined): string {
  if (model === undefined) return '';
  const parts = [model.model];
  if (model.cvKendallTau !== null) parts.push(`tau ${model.cvKendallTau.toFixed(2)}`);
  if (model.cvRmse !== null) parts.push(`RMSE ${formatShort(model.cvRmse)}`);
  return parts.join(', ');
}

/** One row per proposed batch with the model per objective; empty when the tactic described no iteration. */
export function iterationsSection(data: StudyReportData): string {
  const iterations = data.iterations ?? [];
  if (iterations.length === 0) return '';
  const objectives = iterationObjectives(data);
  const header = ['batch', 'validated before it', ...objectives];
  const rows = iterations.map((iteration) => {
    const cells = objectives.map((name) => `<td>${escapeHtml(modelCell(iteration.models.find((model) => model.objective === name)))}</td>`).join('');
    return `<tr><td class="number">${iteration.batch}</td><td class="number">${iteration.observed}</td>${cells}</tr>`;
  });
  const unscored = iterations.some((iteration) => iteration.models.some((model) => model.cvKendallTau === null));
  const caption = `Per batch the tactic proposed, the model it predicted each objective with; tau is the cross-validated Kendall tau the tactic chose the model by, RMSE that model's cross-validated error${
    unscored ? '; a model without scores was not chosen by cross-validation (e.g. an objective computed exactly)' : ''
  }.`;
  return `<h2>Predictors per iteration</h2>
<p class="note">${escapeHtml(caption)}</p>
<table id="iterations-table" class="iterations"><thead><tr>${header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** The whole page as a string; every user-provided string is escaped. */
export function renderHtmlReport(data: StudyReportData, charts: ReportCharts): string {
  checkReportData(data);
  const counts = countTrials(data);
  const curve = data.hypervolumeCurve ?? [];
  const finalPoint = curve[curve.length - 1];
  const heading = data.title ?? data.studyName;
  const summary = [
    summaryRow('study', data.studyName),
    summaryRow('problem', data.problem),
    summaryRow('tactic', data.tactic),
    summaryRow('seed', data.seed),
    summaryRow('storage', data.storage),
    summaryRow('created', data.createdAt),
    summaryRow('trials', counts.total),
    summaryRow('complete', counts.complete),
    summaryRow('failed', counts.failed),
    counts.pending > 0 ? summaryRow('queued or running', counts.pending) : '',
    counts.infeasible > 0 ? summaryRow('infeasible (violate a bound)', counts.infeasible) : '',
    summaryRow('Pareto front size', counts.front),
    finalPoint === undefined ? '' : summaryRow('final hypervolume', `${formatValue(finalPoint.hypervolume)} after ${finalPoint.evaluations} evaluations`),
    data.trueHypervolume === undefined ? '' : summaryRow("true front's hypervolume", trueHypervolumeText(data.trueHypervolume, finalPoint)),
    data.hypervolumeNote === undefined ? '' : summaryRow('hypervolume basis', data.hypervolumeNote),
  ].join('');

  const colourNote =
    data.objectives.length >= 3 ? ` Colour shows ${data.objectives[2]?.name ?? ''}; the pairwise views below show the other pairs.` : ' The line is the staircase bounding what the front dominates.';
  const pareto = `<figure id="pareto-plot">${inlineSvg(charts.pareto.svg, 'pareto')}<figcaption>${escapeHtml(
    `Every complete trial in the first two objectives; the Pareto front is highlighted, infeasible trials are grey crosses.${colourNote}`,
  )}</figcaption></figure>`;
  const pairwise =
    charts.pairwise.length === 0
      ? ''
      : `<h2>Pairwise views</h2>\n<div class="pairwise">${charts.pairwise
          .map((chart, index) => `<figure>${inlineSvg(chart.svg, `pair${index}`)}</figure>`)
          .join('\n')}</div>`;
  const hypervolume =
    charts.hypervolume === null
      ? ''
      : `<h2>Hypervolume over evaluations</h2>\n<figure id="hypervolume-plot">${inlineSvg(charts.hypervolume.svg, 'hv')}${
          data.hypervolumeNote === undefined ? '' : `<figcaption>${escapeHtml(data.hypervolumeNote)}</figcaption>`
        }</figure>`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${heading}: carve study report`)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<p class="subtitle">carve study report</p>
<dl class="summary">${summary}</dl>
${objectivesTable(data)}
</header>
<main>
<h2>Pareto front</h2>
${pareto}
${pairwise}
${hypervolume}
${iterationsSection(data)}
<h2>Front members and their native configs (${counts.front})</h2>
${frontTable(data)}
<h2>Failed trials (${counts.failed})</h2>
${failedTable(data)}
</main>
</body>
</html>
`;
}

/** Writes the page to filePath, drawing the charts first unless they are given. */
export async function writeHtmlReport(
  data: StudyReportData,
  filePath: string,
  charts?: ReportCharts,
  options: RenderOptions = {},
): Promise<string> {
  checkReportData(data);
  const drawn = charts ?? (await renderReportCharts(data, options));
  await writeFile(filePath, renderHtmlReport(data, drawn), 'utf8');
  return filePath;
}
