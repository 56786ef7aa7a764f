// Writes a benchmark's outputs: traces (CSV), summary.json, summary.md, one plot per problem, index.html.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchChartSpec, csvField, escapeHtml, renderVegaLite } from '../../reports/index.js';
import { problemMarkdown, seedRange, stopNote, summaryMarkdown, TABLE_HEADER, tacticRow } from './format.js';
import type { BenchSummary, RunTrace } from './types.js';

export function traceFileName(trace: Pick<RunTrace, 'problem' | 'tactic' | 'seed'>): string {
  return `${trace.problem.replace(/[^A-Za-z0-9_.-]+/g, '_')}__${trace.tactic}__seed${trace.seed}.csv`;
}

export function traceCsv(trace: RunTrace): string {
  const header = ['k', 'native_id', ...trace.objectives].map(csvField).join(',');
  const lines = trace.rows.map((row) => [String(row.k), csvField(row.nativeId), ...row.values.map((value) => String(value))].join(','));
  return `${[header, ...lines].join('\n')}\n`;
}

export async function writeTraces(outDir: string, traces: readonly RunTrace[]): Promise<string[]> {
  const dir = join(outDir, 'traces');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const trace of traces) {
    const file = join(dir, traceFileName(trace));
    await writeFile(file, traceCsv(trace));
    files.push(file);
  }
  return files;
}

/** summary.json without the per-evaluation curves (they go to curves.json). */
function compactSummary(summary: BenchSummary): unknown {
  return {
    ...summary,
    problems: summary.problems.map((problem) => ({
      ...problem,
      tactics: problem.tactics.map(({ curve: _curve, ...rest }) => rest),
    })),
  };
}

export async function writeSummary(outDir: string, summary: BenchSummary, jsonFile?: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const summaryFile = join(outDir, 'summary.json');
  await writeFile(summaryFile, `${JSON.stringify(compactSummary(summary), null, 2)}\n`);
  files.push(summaryFile);
  if (jsonFile !== undefined) {
    await writeFile(jsonFile, `${JSON.stringify(compactSummary(summary), null, 2)}\n`);
    files.push(jsonFile);
  }
  const curves = summary.problems.map((problem) => ({
    problem: problem.problem,
    tactics: problem.tactics.map((tactic) => ({ tactic: tactic.tactic, ...tactic.curve })),
  }));
  const curvesFile = join(outDir, 'curves.json');
  await writeFile(curvesFile, `${JSON.stringify(curves)}\n`);
  files.push(curvesFile);
  const markdownFile = join(outDir, 'summary.md');
  await writeFile(markdownFile, summaryMarkdown(summary));
  files.push(markdownFile);

  const sections: string[] = [];
  for (const problem of summary.problems) {
    const spec = benchChartSpec(
      problem.tactics.map((tactic) => ({ tactic: tactic.tactic, ...tactic.curve })),
      {
        title: `${problem.problem}: hypervolume ratio over evaluations`,
        subtitle: `median of ${summary.seeds} seeds, band = min-max; true front ${problem.frontSize} rows, HV_true ${problem.hvTrue.toFixed(6)}; dashed: 0.95 / 0.99 / 0.995${summary.stopAt === undefined ? '' : `; runs stopped at ${summary.stopAt}, each held at its last value until the longest ends`}`,
        levels: [0.95, 0.99, 0.995],
      },
    );
    const chart = await renderVegaLite(spec);
    const base = problem.problem.replace(/[^A-Za-z0-9_.-]+/g, '_');
    await writeFile(join(outDir, `${base}.svg`), chart.svg);
    await writeFile(join(outDir, `${base}.png`), chart.png);
    files.push(join(outDir, `${base}.svg`), join(outDir, `${base}.png`));
    const rows = problem.tactics.map(tacticRow);
    sections.push(
      `<section><h2>${escapeHtml(problem.problem)}</h2>` +
        `<p>True front: ${problem.frontSize} rows (${problem.frontPointCount} distinct points), HV_true ${problem.hvTrue.toFixed(6)}.</p>` +
        `<table><thead><tr>${TABLE_HEADER.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>` +
        rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('') +
        `</tbody></table><div class="chart">${stripXmlns(chart.svg)}</div></section>`,
    );
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>carve bench</title><style>
body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:13px}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}
.chart svg{max-width:100%;height:auto}code{background:#f4f4f4;padding:2px 4px}</style></head><body>
<h1>carve bench</h1><p>Command: <code>${escapeHtml(summary.command)}</code></p>
<p>Machine: ${escapeHtml(summary.machine)}. Date: ${escapeHtml(summary.date)}. Budget ${summary.budget}, seeds ${seedRange(summary)}.${escapeHtml(stopNote(summary))}
Medians over seeds (min-max); "k/n" = seeds that reached the level when not all did; n.r. = not reached.</p>
${sections.join('\n')}</body></html>\n`;
  const htmlFile = join(outDir, 'index.html');
  await writeFile(htmlFile, html);
  files.push(htmlFile);
  return files;
}

function stripXmlns(svg: string): string {
  return svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
}

export { problemMarkdown };
