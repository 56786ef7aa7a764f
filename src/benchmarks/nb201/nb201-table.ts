// The NB201 accuracy + latency table, parsed once per file into typed columns and indexed by architecture.

import { resolve } from 'node:path';
import { CarveError } from '../../core/errors.js';
import { numberColumn, readCsvFile, stringColumn } from '../csv.js';
import { resolveDataDir, resolveDataFile } from '../data-dir.js';
import { NB201_SPACE_SIZE, archStrToOpIndices, isValidOpIndices, opIndicesCode } from './nb201-arch.js';

/** Path of the table inside the data folder. */
export const NB201_TABLE_FILE = 'nb201_hw/nb201_acc_latency.csv';
/** Identity of the table's content and layout: bump when the file's meaning changes. */
export const NB201_TABLE_ID = 'nb201_acc_latency@1';

const ACCURACY_SUFFIX = '_test_acc';
const LATENCY_PREFIX = 'lat_ms_';

export interface Nb201Table {
  readonly path: string;
  readonly rowCount: number;
  /** Cell string of each row; row number = NB201 index. */
  readonly archStrs: readonly string[];
  /** Datasets with a `<dataset>_test_acc` column, in header order. */
  readonly datasets: readonly string[];
  /** Devices with a `lat_ms_<device>` column, in header order. */
  readonly devices: readonly string[];
  /** Test accuracy (%) per row; NaN where missing. Unknown dataset: undefined. */
  testAccuracy(dataset: string): Float64Array | undefined;
  /** Latency (ms) per row; NaN where missing. Unknown device: undefined. */
  latencyMs(device: string): Float64Array | undefined;
  /** Row of one op index per edge, or undefined when the table lacks it. */
  rowOfOpIndices(opIndices: readonly number[]): number | undefined;
  /** Op index per edge of a row. */
  opIndicesOfRow(row: number): readonly number[];
}

function tableError(path: string, message: string): CarveError {
  return new CarveError('BAD_INPUT', `${path}: ${message}`, {
    field: path,
    hint: `use the NB201 table as published (${NB201_TABLE_FILE} in the data folder)`,
  });
}

function parseNb201Table(path: string): Nb201Table {
  const csv = readCsvFile(path);
  const archCells = stringColumn(csv, 'arch_str');
  const indices = numberColumn(csv, 'index');
  const rowCount = csv.rows.length;

  const archStrs: string[] = new Array<string>(rowCount);
  const rowByCode = new Int32Array(NB201_SPACE_SIZE).fill(-1);
  const opIndicesByRow: (readonly number[])[] = new Array<readonly number[]>(rowCount);
  for (let row = 0; row < rowCount; row += 1) {
    if (indices[row] !== row) throw tableError(path, `data row ${row + 1} has index ${indices[row]}, expected ${row}`);
    const archStr = archCells[row];
    if (archStr === null || archStr === undefined) throw tableError(path, `row ${row} has no arch_str`);
    const opIndices = Object.freeze(archStrToOpIndices(archStr));
    const code = opIndicesCode(opIndices);
    const previous = rowByCode[code] as number;
    if (previous !== -1) throw tableError(path, `rows ${previous} and ${row} hold the same architecture ${archStr}`);
    rowByCode[code] = row;
    archStrs[row] = archStr;
    opIndicesByRow[row] = opIndices;
  }

  // Numeric columns are converted on first use: one problem reads two of the thirty.
  const datasets = csv.header.filter((name) => name.endsWith(ACCURACY_SUFFIX)).map((name) => name.slice(0, -ACCURACY_SUFFIX.length));
  const devices = csv.header.filter((name) => name.startsWith(LATENCY_PREFIX)).map((name) => name.slice(LATENCY_PREFIX.length));
  if (datasets.length === 0 || devices.length === 0) {
    throw tableError(path, `needs *${ACCURACY_SUFFIX} and ${LATENCY_PREFIX}* columns; header is ${csv.header.join(',')}`);
  }
  const converted = new Map<string, Float64Array>();
  const column = (name: string): Float64Array => {
    let values = converted.get(name);
    if (values === undefined) {
      values = numberColumn(csv, name);
      converted.set(name, values);
    }
    return values;
  };

  return {
    path,
    rowCount,
    archStrs,
    datasets: Object.freeze(datasets),
    devices: Object.freeze(devices),
    testAccuracy: (dataset) => (datasets.includes(dataset) ? column(`${dataset}${ACCURACY_SUFFIX}`) : undefined),
    latencyMs: (device) => (devices.includes(device) ? column(`${LATENCY_PREFIX}${device}`) : undefined),
    rowOfOpIndices: (opIndices) => {
      if (!isValidOpIndices(opIndices)) return undefined;
      const row = rowByCode[opIndicesCode(opIndices)];
      return row === undefined || row === -1 ? undefined : row;
    },
    opIndicesOfRow: (row) => {
      const opIndices = opIndicesByRow[row];
      if (opIndices === undefined) throw new CarveError('INTERNAL', `NB201 row ${row} is outside 0..${rowCount - 1}`);
      return opIndices;
    },
  };
}

const cache = new Map<string, Nb201Table>();

/** The NB201 table at `path`, parsed on first use and cached per absolute path. */
export function loadNb201Table(path: string): Nb201Table {
  const absolute = resolve(path);
  let table = cache.get(absolute);
  if (table === undefined) {
    table = parseNb201Table(absolute);
    cache.set(absolute, table);
  }
  return table;
}

/** The NB201 table of a data folder (CARVE_DATA or the default one when omitted). */
export function loadNb201TableFromDataDir(dataDir: string = resolveDataDir()): Nb201Table {
  return loadNb201Table(resolveDataFile(NB201_TABLE_FILE, dataDir));
}
