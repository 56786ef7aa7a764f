// A plain-text table of a front for the terminal.

import type { ObjectiveSpec } from '../../core/objective.js';
import type { FrontMember } from '../../study/index.js';

export function formatFrontTable(front: readonly FrontMember[], objectives: readonly ObjectiveSpec[]): string {
  const header = ['trial', ...objectives.map((objective) => `${objective.name} (${objective.unit}, ${objective.direction === 'minimize' ? 'min' : 'max'})`), 'config'];
  const sorted = [...front].sort((a, b) => (a.values[0] as number) - (b.values[0] as number));
  const rows = sorted.map((member) => [
    String(member.trial.number),
    ...member.values.map((value) => formatNumber(value)),
    typeof member.trial.config === 'string' ? member.trial.config : JSON.stringify(member.trial.config),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');
  return [`Pareto front (${front.length} trials):`, line(header), ...rows.map(line)].join('\n');
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 1000 || magnitude < 0.001 ? value.toPrecision(6) : value.toFixed(4);
}
