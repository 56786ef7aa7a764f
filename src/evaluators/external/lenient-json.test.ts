import { describe, expect, it } from 'vitest';
import { NON_FINITE_MARK, nonFiniteToken, parseJsonLine, replaceNonFiniteTokens } from './lenient-json.js';

describe('parseJsonLine', () => {
  it('parses strict JSON as JSON.parse does', () => {
    expect(parseJsonLine('{"a": [1, 2.5, null, "x"]}')).toEqual({ ok: true, value: { a: [1, 2.5, null, 'x'] } });
  });

  it('reads the NaN, Infinity and -Infinity tokens Python writes, as marked strings', () => {
    const parsed = parseJsonLine('{"a": NaN, "b": Infinity, "c": -Infinity, "d": [NaN]}');
    expect(parsed).toEqual({
      ok: true,
      value: { a: `${NON_FINITE_MARK}NaN`, b: `${NON_FINITE_MARK}Infinity`, c: `${NON_FINITE_MARK}-Infinity`, d: [`${NON_FINITE_MARK}NaN`] },
    });
    const value = (parsed as { value: Record<string, unknown> }).value;
    expect([nonFiniteToken(value['a']), nonFiniteToken(value['b']), nonFiniteToken(value['c'])]).toEqual(['NaN', 'Infinity', '-Infinity']);
    expect(nonFiniteToken('NaN')).toBeNull();
    expect(nonFiniteToken(3)).toBeNull();
  });

  it('leaves the tokens inside strings alone, escaped quotes included', () => {
    const text = '{"s": "NaN \\" Infinity", "t": NaN}';
    expect(replaceNonFiniteTokens(text)).toBe(`{"s": "NaN \\" Infinity", "t": ${JSON.stringify(`${NON_FINITE_MARK}NaN`)}}`);
    expect(parseJsonLine(text)).toEqual({ ok: true, value: { s: 'NaN " Infinity', t: `${NON_FINITE_MARK}NaN` } });
  });

  it('reports text that is not JSON, with or without the tokens', () => {
    expect(parseJsonLine('Loading weights...')).toMatchObject({ ok: false });
    expect(parseJsonLine('{"a": NaN')).toMatchObject({ ok: false });
    expect(parseJsonLine('NaNa')).toMatchObject({ ok: false });
    expect(replaceNonFiniteTokens('{"a": 1}')).toBe('{"a": 1}');
  });
});
