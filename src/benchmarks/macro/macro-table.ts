// The NAS-Bench-Macro CIFAR-10 table: every 8-layer arch string with its accuracy, params and FLOPs.

import { resolve } from 'node:path';
import { CarveError } from '../../core/errors.js';
import { numberColumn, readCsvFile, stringColumn } from '../csv.js';
import { resolveDataFile } from '../data-dir.js';

/** Path of the table inside the data folder. */
export const MACRO_TABLE_FILE = 'nas_bench_macro/nas_bench_macro_cifar10.csv';
/** Identity of the table's content and layout: bump when the file's meaning changes. */
export const MACRO_TABLE_ID = 'nas_bench_macro_cifar10@1';

export interface MacroTable {
  readonly path: string;
  readonly rowCount: number;
  /** The 8-digit arch string of each row, as in the file. */
  readonly archs: readonly string[];
  /** Mean CIFAR-10 test accuracy (%) over three trainings; NaN where missing. */
  readonly meanAccuracy: Float64Array;
  readonly params: Float64Array;
  readonly flops: Float64Array;
  /** Row of an arch string, undefined when absent. */
  rowOfArch(arch: string): number | undefined;
}

function parseMacroTable(path: string): MacroTable {
  const csv = readCsvFile(path);
  const archCells = stringColumn(csv, 'arch');
  const rowByArch = new Map<string, number>();
  const archs = archCells.map((cell, row) => {
    if (cell === null) throw new CarveError('BAD_INPUT', `${path}: data row ${row + 1} has no arch`, { field: path });
    if (rowByArch.has(cell)) throw new CarveError('BAD_INPUT', `${path}: arch ${cell} appears twice`, { field: path });
    rowByArch.set(cell, row);
    return cell;
  });
  return {
    path,
    rowCount: csv.rows.length,
    archs,
    meanAccuracy: numberColumn(csv, 'mean_acc'),
    params: numberColumn(csv, 'params'),
    flops: numberColumn(csv, 'flops'),
    rowOfArch: (arch) => rowByArch.get(arch),
  };
}

const cache = new Map<string, MacroTable>();

/** The table at `path`, parsed on first use and cached per absolute path. */
export function loadMacroTable(path: string): MacroTable {
  const absolute = resolve(path);
  let table = cache.get(absolute);
  if (table === undefined) {
    table = parseMacroTable(absolute);
    cache.set(absolute, table);
  }
  return table;
}

export function loadMacroTableFromDataDir(dataDir: string): MacroTable {
  return loadMacroTable(resolveDataFile(MACRO_TABLE_FILE, dataDir));
}
