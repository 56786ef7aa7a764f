import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { rasterise, renderVegaLite, resvgOptions } from './render.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always follows the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const SPEC = {
  width: 300,
  height: 200,
  data: { values: [{ a: 101, b: 7 }, { a: 105, b: 9 }] },
  mark: 'point',
  encoding: {
    x: { field: 'a', type: 'quantitative', title: 'alpha axis', scale: { zero: false } },
    y: { field: 'b', type: 'quantitative', title: 'beta axis' },
  },
} as unknown as TopLevelSpec;

describe('renderVegaLite', () => {
  it('draws SVG with the axis titles and a PNG of the requested width', async () => {
    const chart = await renderVegaLite(SPEC, { pngWidthPx: 640 });
    expect(chart.warnings).toEqual([]);
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).toContain('alpha axis');
    expect(chart.svg).toContain('beta axis');
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png).width).toBe(640);
  });

  it('is deterministic: the same spec gives the same SVG', async () => {
    const first = await renderVegaLite(SPEC);
    const second = await renderVegaLite(SPEC);
    expect(second.svg).toBe(first.svg);
    expect(pngSize(first.png).width).toBe(1200);
  });

  it('reports what Vega-Lite complained about instead of printing it', async () => {
    const bad = { ...SPEC, encoding: { x: { field: 'a', type: 'quantitative' }, size: { field: 'b', type: 'nominal' } } } as unknown as TopLevelSpec;
    const chart = await renderVegaLite(bad);
    expect(chart.warnings.length).toBeGreaterThan(0);
  });
});

describe('rasterise', () => {
  it('draws text with the fonts it is configured with (no font means blank text)', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="sans-serif" font-size="30">Text</text></svg>';
    const darkPixels = (pixels: Buffer): number => {
      let dark = 0;
      for (let index = 0; index < pixels.length; index += 4) if ((pixels[index] as number) < 128) dark += 1;
      return dark;
    };
    expect(darkPixels(new Resvg(svg, resvgOptions({ pngWidthPx: 200 })).render().pixels)).toBeGreaterThan(100);
    // The same SVG with no font available draws nothing: the check above is not vacuous.
    expect(darkPixels(new Resvg(svg, { font: { loadSystemFonts: false }, background: 'white' }).render().pixels)).toBe(0);
    expect(pngSize(rasterise(svg, { pngWidthPx: 400 }))).toEqual({ width: 400, height: 120 });
  });
});
