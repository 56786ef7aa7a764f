// The `accel/<accuracy>/<metric>` problems: Accel-NASBench rows as a finite pool, accuracy against one cost column.

import { badInput } from '../../core/errors.js';
import type { ObjectiveSpec } from '../../core/objective.js';
import { createTableProblem, type MeasuredRow, type TableProblem } from '../table-problem.js';
import { accelCodec, accelSpace } from './accel-space.js';
import { ACCEL_TABLE_ID, type AccelTable } from './accel-table.js';

/** Accuracy columns (ImageNet, proxy training), maximised. */
export const ACCEL_ACCURACY_COLUMNS = ['val_top1', 'val_top5'] as const;

const LATENCY = /^latency_[a-z0-9]+_mean$/;
const THROUGHPUT = /^throughput_[a-z0-9]+_mean$/;

/** The objective of a cost column, or undefined when the column cannot be one. */
function metricObjective(column: string): ObjectiveSpec | undefined {
  if (column === 'macs_M' || column === 'params_M') return { name: column, direction: 'minimize', unit: 'M' };
  if (LATENCY.test(column)) return { name: column, direction: 'minimize', unit: 'ms' };
  if (THROUGHPUT.test(column)) return { name: column, direction: 'maximize', unit: 'img/s' };
  return undefined;
}

/** Cost columns of the table usable as the second objective, in header order. */
export function accelMetricColumns(table: AccelTable): string[] {
  return table.measurementColumns.filter((column) => metricObjective(column) !== undefined);
}

export interface AccelProblem extends TableProblem {
  readonly table: AccelTable;
  readonly accuracyColumn: string;
  readonly metricColumn: string;
  /** Rows left out because an earlier row holds the same architecture (first complete row wins). */
  readonly repeatedCount: number;
}

/**
 * Every architecture measured on both columns is a pool member. An architecture measured twice (13 are, in
 * separate trainings) keeps its first complete row, so every value a run reports is one row of the file and
 * its id is that row's `id`.
 */
export function createAccelProblem(table: AccelTable, accuracyColumn: string, metricColumn: string): AccelProblem {
  if (!(ACCEL_ACCURACY_COLUMNS as readonly string[]).includes(accuracyColumn)) {
    throw badInput('--problem', `unknown Accel-NASBench accuracy column "${accuracyColumn}"`, `choose one of ${ACCEL_ACCURACY_COLUMNS.join(', ')}`);
  }
  const metric = metricObjective(metricColumn);
  const metricValues = table.column(metricColumn);
  if (metric === undefined || metricValues === undefined) {
    throw badInput('--problem', `unknown Accel-NASBench metric column "${metricColumn}"`, `choose one of ${accelMetricColumns(table).join(', ')}`);
  }
  const accuracy = table.column(accuracyColumn) as Float64Array;
  const objectives: readonly ObjectiveSpec[] = Object.freeze([{ name: accuracyColumn, direction: 'maximize', unit: '%' }, metric]);
  const space = accelSpace();
  const rows: MeasuredRow[] = [];
  const seen = new Set<string>();
  let incomplete = 0;
  let repeatedCount = 0;
  for (let row = 0; row < table.rowCount; row += 1) {
    const values = [accuracy[row] as number, metricValues[row] as number];
    // Missing cells are missing, never zero: the row is not a candidate of this problem.
    if (!values.every(Number.isFinite)) {
      incomplete += 1;
      continue;
    }
    const genome = table.genomes[row] as readonly number[];
    const key = space.key(genome);
    if (seen.has(key)) {
      repeatedCount += 1;
      continue;
    }
    seen.add(key);
    rows.push({ genome, key, values, nativeId: String(table.ids[row]) });
  }
  const problem = createTableProblem({
    id: `accel/${accuracyColumn}/${metricColumn}`,
    title: `Accel-NASBench, ${accuracyColumn} vs ${metricColumn}`,
    description:
      `Accel-NASBench pool of ${rows.length} measured architectures (${table.rowCount} rows; ${incomplete} without ` +
      `${metricColumn} or ${accuracyColumn}, ${repeatedCount} repeated architectures): maximise ImageNet ${accuracyColumn} (%, proxy training) ` +
      `and ${metric.direction} ${metricColumn} (${metric.unit}). Search proposes only measured rows.`,
    space,
    codec: accelCodec(),
    objectives,
    evaluatorId: `table:${ACCEL_TABLE_ID}/${accuracyColumn}/${metricColumn}`,
    rows,
    asPool: true,
  });
  return { ...problem, table, accuracyColumn, metricColumn, repeatedCount };
}
