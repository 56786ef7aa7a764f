// A problem over a table of measured candidates, one row per canonical key: oracle lookup, optional pool, reference.

import { CarveError } from '../core/errors.js';
import type { ObjectiveSpec } from '../core/objective.js';
import { TableEvaluator } from '../evaluators/table/index.js';
import type { Evaluator } from '../evaluators/types.js';
import type { Genome, NativeCodec, SearchSpace } from '../space/types.js';
import type { Problem, ProblemReference } from './problem.js';
import { computeReference } from './reference.js';

/** One measured candidate: raw objective values in objective order (NaN = not measured). */
export interface MeasuredRow {
  readonly genome: Genome;
  readonly key: string;
  readonly values: readonly number[];
  /** Dataset-native id written in traces (a row id, an arch string, a compact config). */
  readonly nativeId: string;
}

export interface TableProblemSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  readonly objectives: readonly ObjectiveSpec[];
  /** Stable identity of the oracle: table, version and columns. */
  readonly evaluatorId: string;
  /** Candidates with distinct keys; rows with a missing objective are left out of everything. */
  readonly rows: readonly MeasuredRow[];
  /** True when the search may propose only the measured rows (a pool problem). */
  readonly asPool: boolean;
}

export interface TableProblem extends Problem {
  readonly reference: ProblemReference;
  /** The rows with every objective measured: the problem's whole table. */
  readonly rows: readonly MeasuredRow[];
  /** Rows given but left out because an objective was missing. */
  readonly missingCount: number;
  /** The measured row of a key, undefined when the key is not in the table. */
  rowOf(key: string): MeasuredRow | undefined;
}

/** Builds the problem; a repeated key is a bug of the loader (rows must be merged before). */
export function createTableProblem(spec: TableProblemSpec): TableProblem {
  const rowByKey = new Map<string, MeasuredRow>();
  const rows: MeasuredRow[] = [];
  let missingCount = 0;
  for (const row of spec.rows) {
    if (row.values.length !== spec.objectives.length) {
      throw new CarveError('INTERNAL', `${spec.id}: row ${row.nativeId} has ${row.values.length} values for ${spec.objectives.length} objectives`);
    }
    if (rowByKey.has(row.key)) throw new CarveError('INTERNAL', `${spec.id}: key ${row.key} appears twice (row ${row.nativeId})`);
    // A row still counts as seen when incomplete, so a repeat is caught either way.
    rowByKey.set(row.key, row);
    if (row.values.some((value) => !Number.isFinite(value))) {
      missingCount += 1;
      continue;
    }
    rows.push(row);
  }
  const measured = new Map(rows.map((row) => [row.key, row]));
  const reference = computeReference({
    objectives: spec.objectives,
    columns: spec.objectives.map((_, objective) => Float64Array.from(rows, (row) => row.values[objective] as number)),
    keyOfRow: (row) => (rows[row] as MeasuredRow).key,
    nativeId: (key) => measured.get(key)?.nativeId ?? key,
  });
  const names = spec.objectives.map((objective) => objective.name);
  const pool = spec.asPool ? Object.freeze(rows.map((row) => row.genome)) : undefined;
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    space: spec.space,
    codec: spec.codec,
    objectives: spec.objectives,
    reference,
    rows,
    missingCount,
    ...(pool === undefined ? {} : { pool }),
    rowOf: (key) => measured.get(key),
    createEvaluator: (): Evaluator =>
      new TableEvaluator({
        id: spec.evaluatorId,
        provides: names,
        lookup: (candidate) => {
          const row = measured.get(candidate.key);
          if (row === undefined) return undefined;
          const values: Record<string, number> = {};
          names.forEach((name, objective) => {
            values[name] = row.values[objective] as number;
          });
          return values;
        },
      }),
  };
}
