// The `macro/cifar10/<params|flops>` problems: the whole NAS-Bench-Macro space, accuracy against a cost.

import { badInput } from '../../core/errors.js';
import type { ObjectiveSpec } from '../../core/objective.js';
import { createTableProblem, type MeasuredRow, type TableProblem } from '../table-problem.js';
import { archToGenome, genomeToArch, macroCodec, macroSpace } from './macro-space.js';
import { MACRO_TABLE_ID, type MacroTable } from './macro-table.js';

const COSTS: Readonly<Record<string, ObjectiveSpec>> = {
  params: { name: 'params', direction: 'minimize', unit: 'params' },
  flops: { name: 'flops', direction: 'minimize', unit: 'FLOPs' },
};

export interface MacroProblem extends TableProblem {
  readonly table: MacroTable;
  readonly cost: string;
}

/**
 * One candidate per distinct network. Its values are those of the row of its canonical arch string (MB
 * layers before identities in each stage), which is also its native id; the table gives every equivalent
 * string the same values.
 */
export function createMacroProblem(table: MacroTable, cost: string): MacroProblem {
  const costObjective = COSTS[cost];
  if (costObjective === undefined) {
    throw badInput('--problem', `unknown NAS-Bench-Macro cost "${cost}"`, `choose one of ${Object.keys(COSTS).join(', ')}`);
  }
  const costValues = cost === 'params' ? table.params : table.flops;
  const objectives: readonly ObjectiveSpec[] = Object.freeze([{ name: 'mean_acc', direction: 'maximize', unit: '%' }, costObjective]);
  const space = macroSpace();
  const rows: MeasuredRow[] = [];
  const seen = new Set<string>();
  for (let row = 0; row < table.rowCount; row += 1) {
    const genome = archToGenome(table.archs[row]);
    const key = space.key(genome);
    if (seen.has(key)) continue;
    seen.add(key);
    const canonicalArch = genomeToArch(genome);
    // The canonical string's own row; another equivalent row only if the file lacks it.
    const source = table.rowOfArch(canonicalArch) ?? row;
    rows.push({
      genome,
      key,
      values: [table.meanAccuracy[source] as number, costValues[source] as number],
      nativeId: table.archs[source] as string,
    });
  }
  const problem = createTableProblem({
    id: `macro/cifar10/${cost}`,
    title: `NAS-Bench-Macro, CIFAR-10 accuracy vs ${cost}`,
    description:
      `The whole NAS-Bench-Macro space (${table.rowCount} arch strings, ${rows.length} distinct networks): maximise mean CIFAR-10 ` +
      `test accuracy (%, 3 trainings) and minimise ${cost} (${costObjective.unit}).`,
    space,
    codec: macroCodec,
    objectives,
    evaluatorId: `table:${MACRO_TABLE_ID}/${cost}`,
    rows,
    asPool: false,
  });
  return { ...problem, table, cost };
}
