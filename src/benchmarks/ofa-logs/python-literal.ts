// Reads the Python literals search logs print (`repr` of dicts, lists, tuples, numbers, strings, None, True, False).

import { badInput } from '../../core/errors.js';

export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

const WHITESPACE = /\s/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/**
 * Parses one Python literal. Dict keys must be strings or numbers (numbers become their decimal text); tuples
 * become arrays. Anything else (calls, sets, trailing text) is BAD_INPUT naming `field` and the position.
 */
export function parsePythonLiteral(text: string, field = 'value'): PythonValue {
  let position = 0;

  const fail = (message: string): never => {
    const near = text.slice(position, position + 20);
    throw badInput(field, `${message} at character ${position + 1}${near === '' ? ' (end of text)' : ` near "${near}"`}`, 'give a Python literal such as {\'ks\': [3, 5], \'d\': [2], \'r\': [224]}');
  };
  const skipSpace = (): void => {
    while (position < text.length && WHITESPACE.test(text[position] as string)) position += 1;
  };
  const expect = (character: string): void => {
    skipSpace();
    if (text[position] !== character) fail(`expected "${character}"`);
    position += 1;
  };

  const parseString = (): string => {
    const quote = text[position] as string;
    position += 1;
    let value = '';
    while (position < text.length && text[position] !== quote) {
      const character = text[position] as string;
      if (character === '\\') {
        const escaped = ESCAPES[text[position + 1] ?? ''];
        if (escaped === undefined) fail('unsupported escape');
        value += escaped;
        position += 2;
        continue;
      }
      value += character;
      position += 1;
    }
    if (position >= text.length) fail('unterminated string');
    position += 1;
    return value;
  };

  const parseSequence = (close: string): PythonValue[] => {
    const items: PythonValue[] = [];
    skipSpace();
    while (text[position] !== close) {
      items.push(parseValue());
      skipSpace();
      if (text[position] === ',') {
        position += 1;
        skipSpace();
      } else if (text[position] !== close) {
        fail(`expected "," or "${close}"`);
      }
    }
    position += 1;
    return items;
  };

  const parseDict = (): { [key: string]: PythonValue } => {
    const entries: { [key: string]: PythonValue } = {};
    skipSpace();
    while (text[position] !== '}') {
      const key = parseValue();
      if (typeof key !== 'string' && typeof key !== 'number') fail('dict keys must be strings or numbers');
      expect(':');
      const name = String(key);
      if (Object.hasOwn(entries, name)) fail(`key "${name}" appears twice`);
      entries[name] = parseValue();
      skipSpace();
      if (text[position] === ',') {
        position += 1;
        skipSpace();
      } else if (text[position] !== '}') {
        fail('expected "," or "}"');
      }
    }
    position += 1;
    return entries;
  };

  const parseValue = (): PythonValue => {
    skipSpace();
    const character = text[position];
    if (character === undefined) return fail('unexpected end of text');
    if (character === '{') {
      position += 1;
      return parseDict();
    }
    if (character === '[') {
      position += 1;
      return parseSequence(']');
    }
    if (character === '(') {
      position += 1;
      return parseSequence(')');
    }
    if (character === "'" || character === '"') return parseString();
    for (const [word, value] of [
      ['None', null],
      ['True', true],
      ['False', false],
    ] as const) {
      if (text.startsWith(word, position) && !/[A-Za-z0-9_]/.test(text[position + word.length] ?? '')) {
        position += word.length;
        return value;
      }
    }
    const number = NUMBER.exec(text.slice(position));
    if (number === null) return fail('unexpected text');
    position += number[0].length;
    return Number(number[0]);
  };

  const value = parseValue();
  skipSpace();
  if (position < text.length) fail('unexpected text after the value');
  return value;
}
