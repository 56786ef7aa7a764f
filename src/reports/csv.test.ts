import { describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { csvField, parseCsv, toCsv } from './csv.js';

describe('csvField', () => {
  it('leaves plain text and numbers bare', () => {
    expect(csvField('latency_ms')).toBe('latency_ms');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(true)).toBe('true');
  });
  it('writes null and undefined as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
  });
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y'], [null, 'q"']])).toBe('a,b\r\n1,"x,y"\r\n,"q"""\r\n');
  });
  it('rejects a row with the wrong number of cells, naming it', () => {
    const attempt = () => toCsv(['a', 'b'], [[1, 2], [3]]);
    expect(attempt).toThrow(CarveError);
    expect(attempt).toThrow(/1 cells but the header has 2/);
    try {
      attempt();
    } catch (error) {
      expect((error as CarveError).field).toBe('rows[1]');
    }
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'n,config\r\n1,"{""ks"":[3,5]}"\r\n2,"two\r\nlines"\r\n';
    expect(parseCsv(text)).toEqual([
      ['n', 'config'],
      ['1', '{"ks":[3,5]}'],
      ['2', 'two\r\nlines'],
    ]);
  });
  it('accepts LF line ends, empty fields and a missing final line break', () => {
    expect(parseCsv('a,,c\nd,e,')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });
  it('round-trips awkward values written by toCsv', () => {
    const rows = [['x, "y"', ' lead', 'tail ', '', 'plain', '\n', '""']];
    expect(parseCsv(toCsv(['1', '2', '3', '4', '5', '6', '7'], rows))).toEqual([['1', '2', '3', '4', '5', '6', '7'], ...rows]);
  });
  it('rejects an unclosed quote and a stray quote', () => {
    expect(() => parseCsv('a,"open\n')).toThrow(/not closed/);
    expect(() => parseCsv('ab"c,d\n')).toThrow(/stray quote/);
  });
});
