import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function collect(maxLineBytes = 1000): { splitter: LineSplitter; lines: string[]; dropped: [number, string][] } {
  const lines: string[] = [];
  const dropped: [number, string][] = [];
  const splitter = new LineSplitter({
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onOverlong: (length, prefix) => dropped.push([length, prefix]),
  });
  return { splitter, lines, dropped };
}

describe('LineSplitter', () => {
  it('delivers complete lines only, however the bytes are cut', () => {
    const text = '{"id":1}\n{"id":2,"results":[]}\nlast';
    for (let cut = 1; cut <= 7; cut += 1) {
      const { splitter, lines } = collect();
      const bytes = Buffer.from(text);
      for (let start = 0; start < bytes.length; start += cut) splitter.push(bytes.subarray(start, start + cut));
      expect(lines).toEqual(['{"id":1}', '{"id":2,"results":[]}']);
      splitter.end();
      expect(lines).toEqual(['{"id":1}', '{"id":2,"results":[]}', 'last']);
    }
  });

  it('keeps multi-byte characters split across chunks intact and strips a CR before the newline', () => {
    const { splitter, lines } = collect();
    const bytes = Buffer.from('café € 😀\r\nnext\n');
    for (const byte of bytes) splitter.push(Buffer.from([byte]));
    expect(lines).toEqual(['café € 😀', 'next']);
  });

  it('passes empty lines through and delivers several lines of one chunk in order', () => {
    const { splitter, lines } = collect();
    splitter.push(Buffer.from('a\n\nb\nc\n'));
    expect(lines).toEqual(['a', '', 'b', 'c']);
  });

  it('drops a line over the limit whole, reports its length and prefix, and reads the next line normally', () => {
    const { splitter, lines, dropped } = collect(10);
    splitter.push(Buffer.from('0123456'));
    splitter.push(Buffer.from('789abcdef'));
    splitter.push(Buffer.from('XYZ\nok\n'));
    expect(dropped).toEqual([[19, '0123456789abcdefXYZ'.slice(0, 16)]]);
    expect(lines).toEqual(['ok']);
  });

  it('accepts a line of exactly the limit', () => {
    const { splitter, lines, dropped } = collect(4);
    splitter.push(Buffer.from('abcd\nabcde\n'));
    expect(lines).toEqual(['abcd']);
    expect(dropped.map(([length]) => length)).toEqual([5]);
  });

  it('end() reports an over-long unterminated tail and does nothing when nothing is pending', () => {
    const { splitter, lines, dropped } = collect(3);
    splitter.end();
    splitter.push(Buffer.from('abcdef'));
    splitter.end();
    expect(lines).toEqual([]);
    expect(dropped).toEqual([[6, 'abcdef']]);
  });
});
