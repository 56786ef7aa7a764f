import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { ESTIMATED_METRICS, loadFontMetrics } from './font-metrics.js';
import { findReportFonts } from './fonts.js';

const fonts = findReportFonts();
const regularFile = fonts.regularFile;

describe.skipIf(regularFile === null || !existsSync(regularFile))('loadFontMetrics (DejaVu Sans)', () => {
  const metrics = loadFontMetrics(regularFile as string);

  it('reads the advance widths published in the font (units per em 2048)', () => {
    // DejaVu Sans: digits advance 1303 units, 'm' 1995, 'i' 569, space 651.
    expect(metrics.widthPx('0', 2048)).toBe(1303);
    expect(metrics.widthPx('m', 2048)).toBe(1995);
    expect(metrics.widthPx('i', 2048)).toBe(569);
    expect(metrics.widthPx(' ', 2048)).toBe(651);
    expect(metrics.widthPx('0m i', 2048)).toBe(1303 + 1995 + 651 + 569);
  });

  it('agrees with the advance the PNG rasteriser uses', () => {
    // One more character widens the drawn text by exactly one advance.
    const inkWidth = (text: string): number => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="200"><text x="10" y="150" font-family="DejaVu Sans" font-size="100">${text}</text></svg>`;
      const box = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [regularFile as string] } }).getBBox();
      if (box === undefined) throw new Error('no text drawn');
      return box.width;
    };
    for (const char of ['a', 'W', '≤']) {
      expect(metrics.widthPx(char, 100)).toBeCloseTo(inkWidth(char.repeat(9)) - inkWidth(char.repeat(8)), 6);
    }
  });
});

describe('ESTIMATED_METRICS', () => {
  it('makes narrow letters narrower than capitals', () => {
    expect(ESTIMATED_METRICS.widthPx('iiii', 10)).toBeLessThan(ESTIMATED_METRICS.widthPx('WWWW', 10));
    expect(ESTIMATED_METRICS.widthPx('', 10)).toBe(0);
  });
});
