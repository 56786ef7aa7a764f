// Advance widths of characters read from a TrueType font file (cmap format 4 + hmtx), to lay out chart text.

import { readFileSync } from 'node:fs';
import { CarveError } from '../core/errors.js';

export interface FontMetrics {
  /** Advance width of a string at a font size in pixels (no kerning). */
  widthPx(text: string, fontSizePx: number): number;
}

interface TableRecord {
  readonly offset: number;
  readonly length: number;
}

function readTables(bytes: Buffer): Map<string, TableRecord> {
  const tableCount = bytes.readUInt16BE(4);
  const tables = new Map<string, TableRecord>();
  for (let index = 0; index < tableCount; index += 1) {
    const recordOffset = 12 + index * 16;
    const tag = bytes.toString('latin1', recordOffset, recordOffset + 4);
    tables.set(tag, { offset: bytes.readUInt32BE(recordOffset + 8), length: bytes.readUInt32BE(recordOffset + 12) });
  }
  return tables;
}

function requireTable(tables: Map<string, TableRecord>, tag: string, path: string): TableRecord {
  const table = tables.get(tag);
  if (table === undefined) throw new CarveError('BAD_INPUT', `font ${path} has no '${tag}' table`, { field: 'fontFiles', hint: 'use a TrueType (.ttf) font' });
  return table;
}

/** Maps a BMP code point to a glyph id through a format-4 subtable (0 = missing glyph). */
function format4Lookup(bytes: Buffer, subtableOffset: number): (codePoint: number) => number {
  const segmentCount = bytes.readUInt16BE(subtableOffset + 6) / 2;
  const endCodes = subtableOffset + 14;
  const startCodes = endCodes + segmentCount * 2 + 2;
  const idDeltas = startCodes + segmentCount * 2;
  const idRangeOffsets = idDeltas + segmentCount * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return 0;
    for (let segment = 0; segment < segmentCount; segment += 1) {
      const end = bytes.readUInt16BE(endCodes + segment * 2);
      if (codePoint > end) continue;
      const start = bytes.readUInt16BE(startCodes + segment * 2);
      if (codePoint < start) return 0;
      const delta = bytes.readInt16BE(idDeltas + segment * 2);
      const rangeOffsetAddress = idRangeOffsets + segment * 2;
      const rangeOffset = bytes.readUInt16BE(rangeOffsetAddress);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = bytes.readUInt16BE(rangeOffsetAddress + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

function unicodeLookup(bytes: Buffer, cmapOffset: number, path: string): (codePoint: number) => number {
  const subtableCount = bytes.readUInt16BE(cmapOffset + 2);
  for (let index = 0; index < subtableCount; index += 1) {
    const record = cmapOffset + 4 + index * 8;
    const platform = bytes.readUInt16BE(record);
    const encoding = bytes.readUInt16BE(record + 2);
    const subtableOffset = cmapOffset + bytes.readUInt32BE(record + 4);
    const isUnicode = (platform === 3 && encoding === 1) || platform === 0;
    if (isUnicode && bytes.readUInt16BE(subtableOffset) === 4) return format4Lookup(bytes, subtableOffset);
  }
  throw new CarveError('BAD_INPUT', `font ${path} has no Unicode (format 4) character map`, { field: 'fontFiles', hint: 'use a TrueType font with a Unicode cmap, e.g. DejaVu Sans' });
}

/** Reads the metrics of a .ttf file once; widths are cached per character. */
export function loadFontMetrics(path: string): FontMetrics {
  const bytes = readFileSync(path);
  const tables = readTables(bytes);
  const unitsPerEm = bytes.readUInt16BE(requireTable(tables, 'head', path).offset + 18);
  const metricCount = bytes.readUInt16BE(requireTable(tables, 'hhea', path).offset + 34);
  const hmtxOffset = requireTable(tables, 'hmtx', path).offset;
  const glyphOf = unicodeLookup(bytes, requireTable(tables, 'cmap', path).offset, path);
  // Glyphs past the last full metric share its advance width (the TrueType convention for monospaced runs).
  const advanceOf = (glyph: number): number => bytes.readUInt16BE(hmtxOffset + Math.min(glyph, metricCount - 1) * 4);
  const emWidths = new Map<number, number>();
  const emWidth = (codePoint: number): number => {
    let width = emWidths.get(codePoint);
    if (width === undefined) {
      width = advanceOf(glyphOf(codePoint)) / unitsPerEm;
      emWidths.set(codePoint, width);
    }
    return width;
  };
  return {
    widthPx(text, fontSizePx) {
      let total = 0;
      for (const char of text) total += emWidth(char.codePointAt(0) as number);
      return total * fontSizePx;
    },
  };
}

/** When no font file is available: DejaVu-like average widths, wider for capitals and digits. */
export const ESTIMATED_METRICS: FontMetrics = {
  widthPx(text, fontSizePx) {
    let total = 0;
    for (const char of text) {
      if (char === ' ') total += 0.32;
      else if (/[A-Z0-9MWmw]/.test(char)) total += 0.68;
      else if (/[iljtf.,:;'|!()[\]]/.test(char)) total += 0.34;
      else total += 0.6;
    }
    return total * fontSizePx;
  },
};
