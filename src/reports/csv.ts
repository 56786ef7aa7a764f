// CSV text (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break) and its reader.

import { badInput } from '../core/errors.js';

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

/** One field: null/undefined become an empty field; numbers keep their shortest exact form. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? cell : String(cell);
  // Leading/trailing spaces are quoted too, so spreadsheet tools do not trim them away.
  if (NEEDS_QUOTES.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** A whole CSV document with a header row; every row must have as many cells as the header. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvField).join(',')];
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw badInput(`rows[${index}]`, `has ${row.length} cells but the header has ${header.length}`, 'give one cell per column');
    }
    lines.push(row.map(csvField).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** Reads RFC 4180 text (CRLF or LF line ends) into rows of fields; a final line break does not add a row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let position = 0;
  while (position < text.length) {
    const char = text[position] as string;
    if (quoted) {
      if (char === '"') {
        if (text[position + 1] === '"') {
          field += '"';
          position += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      position += 1;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw badInput('csv', `stray quote inside an unquoted field at offset ${position}`, 'quote the whole field and double inner quotes');
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r' && text[position + 1] === '\n') position += 1;
    } else {
      field += char;
    }
    position += 1;
  }
  if (quoted) throw badInput('csv', 'a quoted field is not closed', 'end the field with a double quote');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
