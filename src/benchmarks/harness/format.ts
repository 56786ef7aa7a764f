// Text forms of benchmark figures: "122.5 (89-198)", "n.r. (115-n.r.), 7/10", Markdown tables.

import { levelName } from './score.js';
import type { BenchSummary, ProblemSummary, Spread, TacticSummary } from './types.js';

function number(value: number | null): string {
  if (value === null) return 'n.r.';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The seeds of a summary as "first-last". */
export function seedRange(summary: BenchSummary): string {
  const first = summary.firstSeed ?? 0;
  return `${first}-${first + summary.seeds - 1}`;
}

/** A level's figures, or "not measured" when the runs stopped below it (bench --stop-at). */
export function formatSpread(spread: Spread | undefined): string {
  if (spread === undefined) return 'not measured';
  const base = `${number(spread.median)} (${number(spread.min)}-${number(spread.max)})`;
  return spread.reachedCount === spread.runs ? base : `${base}, ${spread.reachedCount}/${spread.runs}`;
}

function ratio(value: number | null): string {
  return value === null ? '-' : value.toFixed(4);
}

function milliseconds(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3);
}

export function tacticRow(tactic: TacticSummary): string[] {
  return [
    tactic.tactic,
    formatSpread(tactic.levels['E95']),
    formatSpread(tactic.levels['E99']),
    formatSpread(tactic.levels['E99.5']),
    tactic.levels['E99'] === undefined ? 'not measured' : tactic.e99PerFrontSize === null ? 'n.r.' : tactic.e99PerFrontSize.toFixed(2),
    ...['50', '100', '200', '300', '500'].map((k) => ratio(tactic.hvRatioAt[k]?.median ?? null)),
    String(tactic.uniqueEvaluations.median),
    milliseconds(tactic.machineryMsPerIteration.median),
    milliseconds(tactic.machineryMsPerRun.median),
    tactic.cheapQueries > 0 ? String(Math.round(tactic.cheapQueries)) : '-',
  ];
}

export const TABLE_HEADER = [
  'tactic',
  'E95',
  'E99',
  'E99.5',
  'E99/front',
  'HV@50',
  'HV@100',
  'HV@200',
  'HV@300',
  'HV@500',
  'unique evals',
  'machinery ms/iter',
  'machinery ms/run',
  'cheap queries',
];

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function problemMarkdown(problem: ProblemSummary): string {
  return [
    `### ${problem.problem}`,
    '',
    `True front: ${problem.frontSize} rows (${problem.frontPointCount} distinct points), HV_true ${problem.hvTrue.toFixed(6)}.`,
    'Medians over seeds, (min-max), and how many seeds reached the level when not all did; n.r. = not reached within the budget.',
    '',
    markdownTable(TABLE_HEADER, problem.tactics.map(tacticRow)),
  ].join('\n');
}

/** What `--stop-at` means for a summary's figures, or nothing when the runs were not stopped. */
export function stopNote(summary: BenchSummary): string {
  if (summary.stopAt === undefined) return '';
  return ` Each run stopped after the batch that reached ${levelName(summary.stopAt)}: higher levels are not measured, HV@k only where every run got to k (else -), and the plotted curves hold a stopped run at its last value until the longest run ends.`;
}

export function summaryMarkdown(summary: BenchSummary): string {
  return [
    `# carve bench`,
    '',
    `Command: \`${summary.command}\``,
    '',
    `Machine: ${summary.machine}. Date: ${summary.date}. Budget ${summary.budget}, seeds ${seedRange(summary)}.${stopNote(summary)}`,
    '',
    ...summary.problems.map(problemMarkdown),
    '',
  ].join('\n');
}
