// Parses one JSON line, also accepting the NaN / Infinity tokens Python's json module writes by default.

/**
 * Non-finite tokens are turned into strings starting with this mark, so validation can say "accuracy is NaN"
 * instead of dropping the whole line as unreadable (it starts with a NUL, which no real string value holds).
 */
export const NON_FINITE_MARK = '\u0000carve-non-finite:';

export type ParsedLine = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const NON_FINITE_TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;

export function parseJsonLine(text: string): ParsedLine {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const rewritten = replaceNonFiniteTokens(text);
    if (rewritten !== text) {
      try {
        return { ok: true, value: JSON.parse(rewritten) as unknown };
      } catch {
        // fall through to the original error, which points at the real problem
      }
    }
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** 'NaN', 'Infinity' or '-Infinity' when the value came from such a token, otherwise null. */
export function nonFiniteToken(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(NON_FINITE_MARK) ? value.slice(NON_FINITE_MARK.length) : null;
}

/** Replaces bare NaN / Infinity / -Infinity outside string literals with marked strings. */
export function replaceNonFiniteTokens(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== 'N' && char !== 'I' && char !== '-') continue;
    const token = NON_FINITE_TOKENS.find((candidate) => text.startsWith(candidate, index));
    if (token === undefined) continue;
    out += text.slice(copiedUpTo, index) + JSON.stringify(NON_FINITE_MARK + token);
    index += token.length - 1;
    copiedUpTo = index + 1;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
