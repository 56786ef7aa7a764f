// Words and numbers shown to people: objective titles with units and direction, compact number text.

import type { ReportObjective } from './types.js';

export function betterWord(objective: ReportObjective): string {
  return objective.direction === 'minimize' ? 'lower is better' : 'higher is better';
}

/** E.g. `latency_ms (ms, lower is better)`; the unit is left out when it is empty. */
export function objectiveTitle(objective: ReportObjective): string {
  const unit = objective.unit.trim();
  return unit === '' ? `${objective.name} (${betterWord(objective)})` : `${objective.name} (${unit}, ${betterWord(objective)})`;
}

/** E.g. `latency_ms ≤ 20 ms`. */
export function boundText(objective: ReportObjective): string | null {
  if (objective.bound === undefined) return null;
  const op = objective.bound.op === '<=' ? '≤' : '≥';
  const unit = objective.unit.trim();
  return `${objective.name} ${op} ${objective.bound.value}${unit === '' ? '' : ` ${unit}`}`;
}

/** Six significant digits without exponent noise; tables show this, CSV/JSON keep full precision. */
export function formatValue(value: number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Three significant digits, for compact tables where six would only add noise (e.g. a cross-validated RMSE). */
export function formatShort(value: number | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}

/** Name safe in a file name: anything but letters, digits, '-' and '_' becomes '_'. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
