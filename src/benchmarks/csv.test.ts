import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { columnIndex, numberColumn, parseCsv, readCsvFile, stringColumn } from './csv.js';

describe('parseCsv', () => {
  it('reads a header and rows', () => {
    const table = parseCsv('a,b,c\n1,2,3\n4,5,6\n');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('reads the last line without a trailing newline, CRLF endings and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\r\n3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('treats unquoted empty cells as missing (null), including the last cell of a line', () => {
    const table = parseCsv('a,b,c\n,2,\n1,,3');
    expect(table.rows).toEqual([
      [null, '2', null],
      ['1', null, '3'],
    ]);
  });

  it('reads old-style lone CR line endings and mixes quoted and plain lines', () => {
    expect(parseCsv('a,b\r1,2\r"x,y",3').rows).toEqual([
      ['1', '2'],
      ['x,y', '3'],
    ]);
  });

  it('keeps a quoted empty field as the empty string', () => {
    expect(parseCsv('a,b\n"",1\n').rows).toEqual([['', '1']]);
  });

  it('handles RFC 4180 quoting: commas, doubled quotes and newlines inside quotes', () => {
    const text = 'net,acc\n"{\'ks\': [3, 5, 7], \'d\': [2]}",75.4\n"say ""hi""",1\n"two\nlines",2\n';
    const table = parseCsv(text);
    expect(table.rows).toEqual([
      ["{'ks': [3, 5, 7], 'd': [2]}", '75.4'],
      ['say "hi"', '1'],
      ['two\nlines', '2'],
    ]);
  });

  it('skips wholly empty lines', () => {
    expect(parseCsv('a\n1\n\n2\n\n').rows).toEqual([['1'], ['2']]);
  });

  it('rejects ragged rows, naming the line', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'toy.csv')).toThrow(/toy\.csv: line 3: 1 fields where the header has 2/);
  });

  it('rejects an unclosed quote and text after a closing quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/never closed/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/after a closing quote/);
    expect(() => parseCsv('a\nx"y\n')).toThrow(/quote inside an unquoted field/);
  });

  it('rejects an empty text and unnamed header columns', () => {
    expect(() => parseCsv('')).toThrow(/empty/);
    expect(() => parseCsv('a,,c\n1,2,3')).toThrow(/column 2 has no name/);
  });
});

describe('columns', () => {
  const table = parseCsv('name,value\nx,1.5\ny,\nz,NaN\nw,-2e-3\nv,  \nu,0\n', 'toy.csv');

  it('turns missing numbers into NaN, never 0', () => {
    const values = numberColumn(table, 'value');
    expect(values[0]).toBe(1.5);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(Number.isNaN(values[2])).toBe(true);
    expect(values[3]).toBe(-0.002);
    expect(Number.isNaN(values[4])).toBe(true);
    expect(values[5]).toBe(0);
  });

  it('reads text columns with nulls for missing cells', () => {
    expect(stringColumn(parseCsv('a,b\n,1\nq,2'), 'a')).toEqual([null, 'q']);
  });

  it('rejects non-numeric text in a number column, naming the row', () => {
    expect(() => numberColumn(parseCsv('v\n1\nabc\n', 't.csv'), 'v')).toThrow(/data row 2: "abc" is not a number/);
  });

  it('names the available columns when one is unknown', () => {
    try {
      columnIndex(table, 'nope');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CarveError);
      expect((error as CarveError).code).toBe('BAD_INPUT');
      expect((error as CarveError).hint).toContain('name, value');
    }
  });
});

describe('readCsvFile', () => {
  it('reads a file from disk and reports a missing one as NOT_FOUND', () => {
    const folder = mkdtempSync(join(tmpdir(), 'carve-csv-'));
    const path = join(folder, 't.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    expect(readCsvFile(path).rows).toEqual([['1', '2']]);
    expect(() => readCsvFile(join(folder, 'missing.csv'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
