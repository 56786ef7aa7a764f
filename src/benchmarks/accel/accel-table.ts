// The Accel-NASBench table: one genome per row plus its measured columns, parsed once per file.

import { resolve } from 'node:path';
import { CarveError } from '../../core/errors.js';
import type { Genome } from '../../space/index.js';
import { numberColumn, readCsvFile, type CsvTable } from '../csv.js';
import { resolveDataFile } from '../data-dir.js';
import { ACCEL_BLOCK_COUNT, ACCEL_BLOCK_GENES, accelGeneName, accelSpace } from './accel-space.js';

/** Path of the table inside the data folder. */
export const ACCEL_TABLE_FILE = 'accel_nasbench/anb_dataset.csv';
/** Identity of the table's content and layout: bump when the file's meaning changes. */
export const ACCEL_TABLE_ID = 'anb_dataset@1';

export interface AccelTable {
  readonly path: string;
  readonly rowCount: number;
  /** The `id` column of each row. */
  readonly ids: readonly number[];
  /** Canonical genome of each row. */
  readonly genomes: readonly Genome[];
  /** Column names that are not architecture genes or ids (accuracies, costs, latencies, throughputs, stds). */
  readonly measurementColumns: readonly string[];
  /** A measured column as floats, NaN where the cell is empty; undefined for an unknown column. */
  column(name: string): Float64Array | undefined;
}

function tableError(path: string, message: string): CarveError {
  return new CarveError('BAD_INPUT', `${path}: ${message}`, {
    field: path,
    hint: `use the Accel-NASBench table as published (${ACCEL_TABLE_FILE} in the data folder)`,
  });
}

function readGenomes(csv: CsvTable, path: string): Genome[] {
  const space = accelSpace();
  const columns = space.genes.map((gene) => ({ gene, values: numberColumn(csv, gene.name) }));
  const genomes: Genome[] = new Array<Genome>(csv.rows.length);
  for (let row = 0; row < csv.rows.length; row += 1) {
    const genome = columns.map(({ gene, values }) => {
      const index = gene.choices.indexOf(values[row] as number);
      if (index === -1) {
        throw tableError(path, `data row ${row + 1}: ${gene.name} is ${values[row]}, not one of ${gene.choices.join(', ')}`);
      }
      return index;
    });
    genomes[row] = Object.freeze(space.canonicalize(genome));
  }
  return genomes;
}

function parseAccelTable(path: string): AccelTable {
  const csv = readCsvFile(path);
  const idColumn = numberColumn(csv, 'id');
  const ids = Array.from(idColumn);
  ids.forEach((id, row) => {
    if (!Number.isInteger(id)) throw tableError(path, `data row ${row + 1} has no integer id`);
  });
  if (new Set(ids).size !== ids.length) throw tableError(path, 'the id column repeats an id');
  const geneColumns = new Set<string>();
  for (let block = 0; block < ACCEL_BLOCK_COUNT; block += 1) {
    for (const setting of ACCEL_BLOCK_GENES) geneColumns.add(accelGeneName(block, setting));
  }
  const genomes = readGenomes(csv, path);
  const measurementColumns = csv.header.filter((name) => name !== 'id' && !geneColumns.has(name));
  const converted = new Map<string, Float64Array>();
  return {
    path,
    rowCount: csv.rows.length,
    ids,
    genomes,
    measurementColumns: Object.freeze(measurementColumns),
    column: (name) => {
      if (!measurementColumns.includes(name)) return undefined;
      let values = converted.get(name);
      if (values === undefined) {
        values = numberColumn(csv, name);
        converted.set(name, values);
      }
      return values;
    },
  };
}

const cache = new Map<string, AccelTable>();

/** The table at `path`, parsed on first use and cached per absolute path. */
export function loadAccelTable(path: string): AccelTable {
  const absolute = resolve(path);
  let table = cache.get(absolute);
  if (table === undefined) {
    table = parseAccelTable(absolute);
    cache.set(absolute, table);
  }
  return table;
}

/** The table of a data folder. */
export function loadAccelTableFromDataDir(dataDir: string): AccelTable {
  return loadAccelTable(resolveDataFile(ACCEL_TABLE_FILE, dataDir));
}
