// A small, fast CSV reader (RFC 4180 quoting) for the benchmark tables; an empty cell is missing (null), never 0.

import { readFileSync } from 'node:fs';
import { CarveError, badInput } from '../core/errors.js';

export type CsvCell = string | null;

export interface CsvTable {
  /** Where the text came from, for error messages. */
  readonly source: string;
  readonly header: readonly string[];
  /** One array per data row, each as long as the header. */
  readonly rows: readonly (readonly CsvCell[])[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Parses CSV text: the first record is the header. Quoted fields may hold commas, newlines and doubled quotes.
 * An unquoted empty field is null (missing); a quoted empty field is the empty string. Wholly empty lines
 * are skipped. Every record must have as many fields as the header.
 */
export function parseCsv(text: string, source = 'csv'): CsvTable {
  const length = text.length;
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  const records: CsvCell[][] = [];
  const recordLines: number[] = [];

  while (position < length) {
    const first = text.charCodeAt(position);
    if (first === LF || first === CR) {
      // Wholly empty line.
      position += first === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
      line += 1;
      continue;
    }
    const recordLine = line;
    // Fast path: a line without quotes is split in one native call.
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = length;
    const contentEnd = lineEnd > position && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    const lineText = text.slice(position, contentEnd);
    if (lineText.indexOf('"') === -1 && lineText.indexOf('\r') === -1) {
      const cells: CsvCell[] = lineText.split(',');
      for (let index = 0; index < cells.length; index += 1) if (cells[index] === '') cells[index] = null;
      records.push(cells);
      recordLines.push(recordLine);
      position = lineEnd + 1;
      line += 1;
      continue;
    }
    const record: CsvCell[] = [];
    for (;;) {
      let cell: CsvCell;
      if (text.charCodeAt(position) === QUOTE) {
        // Quoted field: runs to the next lone quote; a doubled quote stands for one quote.
        let value = '';
        let chunkStart = position + 1;
        for (;;) {
          const closing = text.indexOf('"', chunkStart);
          if (closing === -1) {
            throw new CarveError('BAD_INPUT', `${source}: line ${recordLine}: quoted field is never closed`, { field: source });
          }
          value += text.slice(chunkStart, closing);
          if (text.charCodeAt(closing + 1) === QUOTE) {
            value += '"';
            chunkStart = closing + 2;
            continue;
          }
          position = closing + 1;
          break;
        }
        for (let index = 0; index < value.length; index += 1) if (value.charCodeAt(index) === LF) line += 1;
        const after = position < length ? text.charCodeAt(position) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          throw new CarveError('BAD_INPUT', `${source}: line ${line}: unexpected text after a closing quote`, { field: source });
        }
        cell = value;
      } else {
        const start = position;
        let code = position < length ? text.charCodeAt(position) : LF;
        while (code !== COMMA && code !== LF && code !== CR) {
          if (code === QUOTE) {
            throw new CarveError('BAD_INPUT', `${source}: line ${line}: quote inside an unquoted field`, {
              field: source,
              hint: 'quote the whole field and double any quote inside it',
            });
          }
          position += 1;
          code = position < length ? text.charCodeAt(position) : LF;
        }
        cell = position === start ? null : text.slice(start, position);
      }
      record.push(cell);
      if (position >= length) break;
      const separator = text.charCodeAt(position);
      if (separator === COMMA) {
        position += 1;
        continue;
      }
      // End of record: LF, CR or CRLF.
      position += separator === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
      line += 1;
      break;
    }
    records.push(record);
    recordLines.push(recordLine);
  }

  const headerRecord = records[0];
  if (headerRecord === undefined) {
    throw new CarveError('BAD_INPUT', `${source}: no header line (the file is empty)`, { field: source });
  }
  const header = headerRecord.map((name, index) => {
    if (name === null || name.trim() === '') {
      throw new CarveError('BAD_INPUT', `${source}: header column ${index + 1} has no name`, { field: source });
    }
    return name;
  });
  const rows = records.slice(1);
  for (let index = 0; index < rows.length; index += 1) {
    const width = (rows[index] as CsvCell[]).length;
    if (width !== header.length) {
      throw new CarveError(
        'BAD_INPUT',
        `${source}: line ${recordLines[index + 1]}: ${width} fields where the header has ${header.length}`,
        { field: source },
      );
    }
  }
  return { source, header, rows };
}

/** Reads and parses a CSV file (UTF-8). A missing file is NOT_FOUND naming the path. */
export function readCsvFile(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read ${path}`, { field: path, cause: error });
  }
  return parseCsv(text, path);
}

/** Index of a named column; BAD_INPUT listing the columns when it is absent. */
export function columnIndex(table: CsvTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index === -1) {
    throw badInput(table.source, `no column "${name}"`, `columns are: ${table.header.join(', ')}`);
  }
  return index;
}

/** A column's text cells (null = missing). */
export function stringColumn(table: CsvTable, name: string): CsvCell[] {
  const index = columnIndex(table, name);
  return table.rows.map((row) => row[index] ?? null);
}

/**
 * A numeric column as floats: missing cells (empty, or the text NaN) become NaN, never 0.
 * Any other text that is not a number is BAD_INPUT naming the row.
 */
export function numberColumn(table: CsvTable, name: string): Float64Array {
  const index = columnIndex(table, name);
  const values = new Float64Array(table.rows.length);
  for (let rowIndex = 0; rowIndex < table.rows.length; rowIndex += 1) {
    const cell = (table.rows[rowIndex] as readonly CsvCell[])[index] ?? null;
    if (cell === null) {
      values[rowIndex] = Number.NaN;
      continue;
    }
    const value = Number(cell);
    if (Number.isNaN(value)) {
      if (cell.trim().toLowerCase() !== 'nan') {
        throw badInput(table.source, `column "${name}", data row ${rowIndex + 1}: "${cell}" is not a number`);
      }
      values[rowIndex] = Number.NaN;
    } else if (value === 0 && cell.trim() === '') {
      // Number('  ') is 0: a blank cell is missing, never a measurement of zero.
      values[rowIndex] = Number.NaN;
    } else {
      values[rowIndex] = value;
    }
  }
  return values;
}
