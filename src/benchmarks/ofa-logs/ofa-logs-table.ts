// The DyNAS-T search logs on OFA MobileNetV3 w1.0: every logged row, and one entry per distinct sub-network.

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CarveError, isCarveError } from '../../core/errors.js';
import type { Genome } from '../../space/index.js';
import type { Supernet } from '../../supernets/index.js';
import { columnIndex, readCsvFile, type CsvCell } from '../csv.js';
import { parsePythonLiteral } from './python-literal.js';

/** Folder of the logs inside the data folder. */
export const OFA_LOGS_FOLDER = 'dynast_ofa_mbv3';
/** Identity of the logs' content and of how rows are merged: bump when either changes. */
export const OFA_LOGS_TABLE_ID = 'dynast_ofa_mbv3_logs@1';

const SET_DATA_HINT = `set CARVE_DATA to the folder holding ${OFA_LOGS_FOLDER}/`;
const CONFIG_COLUMN = 'Sub-network';
const TOP1_COLUMN = 'Top-1 Acc (%)';
const MACS_COLUMN = 'MACs';
const PARAMS_COLUMN = 'Model Parameters';

/** One logged evaluation. */
export interface OfaLogRow {
  readonly file: string;
  /** Line of the row in its file (the header is line 1). */
  readonly line: number;
  /** The Sub-network cell as logged (a Python dict). */
  readonly configText: string;
  readonly genome: Genome;
  readonly key: string;
  readonly top1: number;
  readonly macs: number;
  readonly params: number;
}

/** One distinct sub-network (canonical key), with its logged evaluations merged. */
export interface OfaLogNetwork {
  readonly key: string;
  readonly genome: Genome;
  /** Mean top-1 (%) over every row of this sub-network, in file then line order. */
  readonly top1: number;
  readonly macs: number;
  readonly params: number;
  /** How many rows logged it. */
  readonly rowCount: number;
}

export interface OfaLogsTable {
  readonly folder: string;
  readonly files: readonly string[];
  readonly rows: readonly OfaLogRow[];
  /** In order of first appearance. */
  readonly networks: readonly OfaLogNetwork[];
}

function logError(file: string, line: number, message: string, cause?: unknown): CarveError {
  return new CarveError('BAD_INPUT', `${file}:${line}: ${message}`, {
    field: file,
    hint: `use the DyNAS-T OFA MobileNetV3 logs as published (${OFA_LOGS_FOLDER}/*.csv in the data folder)`,
    cause,
  });
}

function numberCell(cell: CsvCell | undefined, file: string, line: number, column: string): number {
  const value = cell === null || cell === undefined || cell.trim() === '' ? Number.NaN : Number(cell);
  if (!Number.isFinite(value)) throw logError(file, line, `column "${column}" is "${cell ?? ''}", not a number`);
  return value;
}

function readLogFile(path: string, file: string, supernet: Supernet): OfaLogRow[] {
  const csv = readCsvFile(path);
  const configIndex = columnIndex(csv, CONFIG_COLUMN);
  const top1Index = columnIndex(csv, TOP1_COLUMN);
  const macsIndex = columnIndex(csv, MACS_COLUMN);
  const paramsIndex = columnIndex(csv, PARAMS_COLUMN);
  return csv.rows.map((cells, index) => {
    // Sub-network cells hold no newline, so data row i is on line i + 2.
    const line = index + 2;
    const configText = cells[configIndex];
    if (configText === null || configText === undefined) throw logError(file, line, `no ${CONFIG_COLUMN}`);
    let genome: Genome;
    try {
      genome = supernet.codec.fromNative(parsePythonLiteral(configText, CONFIG_COLUMN));
    } catch (error) {
      const reason = isCarveError(error) ? error.describe() : String(error);
      throw logError(file, line, `cannot read the sub-network: ${reason}`, error);
    }
    return {
      file,
      line,
      configText,
      genome: Object.freeze(genome),
      key: supernet.space.key(genome),
      top1: numberCell(cells[top1Index], file, line, TOP1_COLUMN),
      macs: numberCell(cells[macsIndex], file, line, MACS_COLUMN),
      params: numberCell(cells[paramsIndex], file, line, PARAMS_COLUMN),
    };
  });
}

/**
 * Merges rows of the same sub-network: entries of blocks beyond a stage's depth do not change the network,
 * so configs differing only there are one candidate. Its top-1 is the mean of its rows (repeated
 * validations differ by up to 0.1 points); MACs and params are computed, so they must agree exactly.
 */
function mergeRows(rows: readonly OfaLogRow[]): OfaLogNetwork[] {
  const groups = new Map<string, OfaLogRow[]>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (group === undefined) groups.set(row.key, [row]);
    else group.push(row);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as OfaLogRow;
    let top1Sum = 0;
    for (const row of group) {
      if (row.macs !== first.macs || row.params !== first.params) {
        throw logError(row.file, row.line, `the same sub-network as ${first.file}:${first.line} is logged with other MACs or params`);
      }
      top1Sum += row.top1;
    }
    return { key: first.key, genome: first.genome, top1: top1Sum / group.length, macs: first.macs, params: first.params, rowCount: group.length };
  });
}

function parseOfaLogs(folder: string, supernet: Supernet): OfaLogsTable {
  let files: string[];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith('.csv')).sort();
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read the log folder ${folder}`, { field: 'CARVE_DATA', hint: SET_DATA_HINT, cause: error });
  }
  if (files.length === 0) throw new CarveError('NOT_FOUND', `no .csv log in ${folder}`, { field: 'CARVE_DATA', hint: SET_DATA_HINT });
  const rows = files.flatMap((file) => readLogFile(join(folder, file), file, supernet));
  return { folder, files, rows, networks: mergeRows(rows) };
}

const cache = new Map<string, OfaLogsTable>();

/** The logs in `folder` read with `supernet`'s codec, parsed once per folder and super-network. */
export function loadOfaLogs(folder: string, supernet: Supernet): OfaLogsTable {
  const cacheKey = `${resolve(folder)}\u0000${supernet.id}\u0000${supernet.space.name}`;
  let table = cache.get(cacheKey);
  if (table === undefined) {
    table = parseOfaLogs(resolve(folder), supernet);
    cache.set(cacheKey, table);
  }
  return table;
}

/** The logs of a data folder; NOT_FOUND when the folder lacks them. */
export function loadOfaLogsFromDataDir(dataDir: string, supernet: Supernet): OfaLogsTable {
  return loadOfaLogs(resolve(dataDir, OFA_LOGS_FOLDER), supernet);
}
