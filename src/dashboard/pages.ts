// HTML of the dashboard: the list of studies and one study's live page. Everything read from the store is
// escaped. Each page holds its live part in <main id="live">; a small script fetches that part again every
// few seconds and swaps it in (a <meta refresh> does the same without scripts).

import type { StudyLive, StudyOverview } from '../compose/dashboard-data.js';
import { escapeHtml } from '../reports/escape-html.js';
import { formatValue } from '../reports/labels.js';
import { frontTable, inlineSvg, iterationsSection, REPORT_STYLE } from '../reports/html-report.js';
import type { DashboardCharts } from './charts.js';

const DASHBOARD_STYLE = `
body { max-width: 1200px; }
nav { font-size: 0.9rem; margin-bottom: 0.5rem; }
.bar { background: #eee; border-radius: 3px; height: 0.7rem; min-width: 8rem; overflow: hidden; display: flex; }
.bar span { display: block; height: 100%; }
.bar .complete { background: #2f6f9f; } .bar .failed { background: #c0392b; } .bar .running { background: #e0a030; } .bar .queued { background: #bbb; }
.legend span.swatch { display: inline-block; width: 0.7rem; height: 0.7rem; margin: 0 0.25rem 0 0.8rem; vertical-align: middle; }
.state-active { color: #1e7b34; font-weight: bold; } .state-idle { color: #777; }
.charts figure { margin: 0.5rem 0 1.5rem; }
dd .bar { max-width: 24rem; margin-top: 0.3rem; }
td.payload code { font-size: 0.78rem; word-break: break-all; white-space: pre-wrap; }
.updated { color: #777; font-size: 0.85rem; }
`;

export interface PageOptions {
  readonly refreshSeconds: number;
  readonly storage: string;
  readonly now: Date;
}

function page(title: string, heading: string, live: string, options: PageOptions): string {
  const refreshMs = Math.round(options.refreshSeconds * 1000);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<noscript><meta http-equiv="refresh" content="${options.refreshSeconds}"></noscript>
<style>${REPORT_STYLE}${DASHBOARD_STYLE}</style>
</head>
<body>
${heading}
<main id="live">
${live}
</main>
<script>
(function () {
  var live = document.getElementById('live');
  setInterval(function () {
    fetch(location.pathname + '?part=live', { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) live.innerHTML = html; })
      .catch(function () {});
  }, ${refreshMs});
})();
</script>
</body>
</html>
`;
}

/** E.g. `2026-11-28 23:01:12 (14 s ago)`. */
export function timeText(time: string | null, now: Date): string {
  if (time === null || time === '') return '';
  const parsed = Date.parse(time);
  if (!Number.isFinite(parsed)) return time;
  const seconds = Math.max(0, Math.round((now.getTime() - parsed) / 1000));
  const ago = seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : seconds < 172_800 ? `${Math.round(seconds / 3600)} h` : `${Math.round(seconds / 86_400)} d`;
  return `${new Date(parsed).toISOString().slice(0, 19).replace('T', ' ')} (${ago} ago)`;
}

function studyHref(name: string): string {
  return `/study/${encodeURIComponent(name)}`;
}

function stateBar(study: StudyOverview): string {
  const scale = Math.max(study.budget, study.trials.total, 1);
  const part = (state: 'complete' | 'failed' | 'running' | 'queued') =>
    study.trials[state] === 0 ? '' : `<span class="${state}" style="width:${((100 * study.trials[state]) / scale).toFixed(2)}%"></span>`;
  return `<div class="bar" title="${escapeHtml(countsText(study))}">${part('complete')}${part('failed')}${part('running')}${part('queued')}</div>`;
}

function countsText(study: StudyOverview): string {
  const { queued, running, complete, failed } = study.trials;
  return `${queued} queued, ${running} running, ${complete} complete, ${failed} failed`;
}

function coordinatorText(study: StudyOverview, now: Date): string {
  const coordinator = study.coordinator;
  if (coordinator.state === 'none') return '<span class="state-idle">in-process (no coordinator)</span>';
  const who = coordinator.name === null ? '' : ` ${escapeHtml(coordinator.name)}`;
  if (coordinator.state === 'finished') return `<span class="state-idle">finished${who}, ${escapeHtml(timeText(coordinator.finishedAt, now))}</span>`;
  return coordinator.active
    ? `<span class="state-active">active</span>${who}`
    : `<span class="state-idle">started${who}, silent since ${escapeHtml(timeText(study.lastActivityAt, now))}</span>`;
}

function workersText(study: StudyOverview): string {
  if (study.workers === 0) return '<span class="state-idle">none</span>';
  const active = study.activeWorkers > 0 ? `<span class="state-active">${study.activeWorkers} active</span>` : '<span class="state-idle">0 active</span>';
  return `${active} of ${study.workers}`;
}

const LEGEND = `<p class="legend note">Trials:<span class="swatch" style="background:#2f6f9f"></span>complete<span class="swatch" style="background:#c0392b"></span>failed<span class="swatch" style="background:#e0a030"></span>running<span class="swatch" style="background:#bbb"></span>queued; the bar spans the budget.</p>`;

/** The live part of `/`: one row per study. */
export function studiesLive(studies: readonly StudyOverview[], options: PageOptions): string {
  const updated = `<p class="updated">${escapeHtml(`${studies.length} ${studies.length === 1 ? 'study' : 'studies'} in ${options.storage}; updated ${timeText(options.now.toISOString(), options.now)}, every ${options.refreshSeconds} s`)}</p>`;
  if (studies.length === 0) return `${updated}<p class="empty">No study in this store yet: start one with carve search --storage …</p>`;
  const rows = studies.map(
    (study) => `<tr>
<td><a href="${escapeHtml(studyHref(study.name))}">${escapeHtml(study.name)}</a></td>
<td>${escapeHtml(study.problem ?? '(built in code)')}</td>
<td>${escapeHtml(study.tactic)}</td>
<td class="number">${study.seed}</td>
<td class="number">${escapeHtml(evaluationsText(study))}</td>
<td>${stateBar(study)}<span class="note">${escapeHtml(countsText(study))}</span></td>
<td class="number">${escapeHtml(formatValue(study.hypervolume))}</td>
<td>${escapeHtml(timeText(study.lastActivityAt, options.now))}</td>
<td>${coordinatorText(study, options.now)}</td>
<td>${workersText(study)}</td>
</tr>`,
  );
  return `${updated}
<table id="studies"><thead><tr><th>study</th><th>problem / super-network</th><th>tactic</th><th>seed</th><th>evaluated / budget</th><th>trials by state</th><th>best hypervolume</th><th>last activity</th><th>coordinator</th><th>workers</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
${LEGEND}`;
}

export function studiesPage(studies: readonly StudyOverview[], options: PageOptions): string {
  return page('carve dashboard', `<header><h1>carve dashboard</h1><p class="subtitle">the studies in ${escapeHtml(options.storage)}</p></header>`, studiesLive(studies, options), options);
}

function summaryRow(label: string, value: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`;
}

function workersTable(study: StudyLive, now: Date): string {
  if (study.workerStates.length === 0) return '<p class="empty">No trial has been started by any process yet.</p>';
  const rows = study.workerStates.map(
    (worker) =>
      `<tr><td>${escapeHtml(worker.name)}</td><td>${worker.active ? '<span class="state-active">active</span>' : '<span class="state-idle">silent</span>'}</td><td class="number">${worker.running}</td><td class="number">${worker.complete}</td><td class="number">${worker.failed}</td><td>${escapeHtml(timeText(worker.lastSeenAt, now))}</td></tr>`,
  );
  return `<table id="workers-table"><thead><tr><th>worker</th><th>state</th><th>running</th><th>complete</th><th>failed</th><th>last heartbeat</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function requeuedTable(study: StudyLive, now: Date): string {
  if (study.requeued.length === 0) return '<p class="empty">No trial was requeued.</p>';
  const rows = study.requeued.map(
    (trial) =>
      `<tr><td class="number">${trial.number}</td><td>${escapeHtml(trial.worker ?? '')}</td><td>${escapeHtml(timeText(trial.lastSeenAt, now))}</td><td>${escapeHtml(timeText(trial.requeuedAt, now))}</td></tr>`,
  );
  return `<table id="requeued-table"><thead><tr><th>trial</th><th>worker that held it</th><th>its last sign of life</th><th>requeued</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

const PAYLOAD_CHARS = 240;

function payloadText(payload: unknown): string {
  const text = JSON.stringify(payload ?? null) ?? 'null';
  return text.length > PAYLOAD_CHARS ? `${text.slice(0, PAYLOAD_CHARS)}…` : text;
}

function eventsTable(study: StudyLive, now: Date): string {
  if (study.events.length === 0) return '<p class="empty">No event recorded yet.</p>';
  const rows = study.events.map(
    (event) =>
      `<tr><td class="number">${event.seq}</td><td>${escapeHtml(timeText(event.createdAt, now))}</td><td>${escapeHtml(event.kind)}</td><td class="payload"><code>${escapeHtml(payloadText(event.payload))}</code></td></tr>`,
  );
  return `<table id="events-table"><thead><tr><th>#</th><th>when</th><th>kind</th><th>payload</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

function chartsSection(charts: DashboardCharts): string {
  const hypervolume = charts.hypervolume === null ? '<p class="empty">No finished trial yet.</p>' : inlineSvg(charts.hypervolume, 'hv');
  const pareto = charts.pareto === null ? '<p class="empty">No complete trial yet.</p>' : inlineSvg(charts.pareto, 'pareto');
  return `<div class="charts"><figure id="hypervolume-plot">${hypervolume}</figure><figure id="pareto-plot">${pareto}</figure></div>`;
}

/**
 * Evaluations against the budget the study was created with; a study resumed with a larger budget (carve search
 * --evals) has gone past it, and the store keeps only the first.
 */
export function evaluationsText(study: { readonly evaluations: number; readonly budget: number }): string {
  if (study.evaluations <= study.budget) return `${study.evaluations} / ${study.budget}`;
  return `${study.evaluations} (created with a budget of ${study.budget}, resumed with more)`;
}

/** The live part of `/study/<name>`. */
export function studyLive(study: StudyLive, charts: DashboardCharts, options: PageOptions): string {
  const now = options.now;
  const summary = [
    summaryRow('problem / super-network', escapeHtml(study.problem ?? '(built in code)')),
    summaryRow('tactic, seed', escapeHtml(`${study.tactic}, seed ${study.seed}`)),
    summaryRow('evaluations', `${escapeHtml(evaluationsText(study))} ${stateBar(study)}`),
    summaryRow('trials', escapeHtml(`${study.trials.total}: ${countsText(study)}`)),
    summaryRow('best hypervolume', escapeHtml(study.hypervolume === null ? 'none yet' : formatValue(study.hypervolume))),
    summaryRow('coordinator', coordinatorText(study, now)),
    summaryRow('workers', workersText(study)),
    summaryRow('last activity', escapeHtml(timeText(study.lastActivityAt, now))),
    summaryRow('created', escapeHtml(timeText(study.createdAt, now))),
  ].join('');
  const frontCount = study.front.length;
  return `<p class="updated">${escapeHtml(`updated ${timeText(now.toISOString(), now)}, every ${options.refreshSeconds} s`)}</p>
<dl class="summary">${summary}</dl>
${LEGEND}
<h2>Workers</h2>
${workersTable(study, now)}
<h2>Requeued trials (${study.requeued.length})</h2>
${requeuedTable(study, now)}
<h2>Hypervolume and Pareto front</h2>
${chartsSection(charts)}
<h2>Current front (${frontCount})</h2>
${frontTable(study.report)}
${iterationsSection(study.report)}
<h2>Last events</h2>
${eventsTable(study, now)}`;
}

export function studyPage(study: StudyLive, charts: DashboardCharts, options: PageOptions): string {
  const heading = `<header><nav><a href="/">all studies</a></nav><h1>${escapeHtml(study.name)}</h1><p class="subtitle">carve study, live from ${escapeHtml(options.storage)}</p></header>`;
  return page(`${study.name}: carve dashboard`, heading, studyLive(study, charts, options), options);
}

export function notFoundPage(message: string, options: PageOptions): string {
  return page('not found: carve dashboard', `<header><nav><a href="/">all studies</a></nav><h1>Not found</h1></header>`, `<p>${escapeHtml(message)}</p>`, options);
}
