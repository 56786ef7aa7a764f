// Renders a Vega-Lite spec headlessly (no browser): Vega-Lite -> Vega -> SVG text -> PNG bytes.

import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CarveError } from '../core/errors.js';
import { findReportFonts } from './fonts.js';
import { installTextLayout } from './text-layout.js';

export interface RenderOptions {
  /** Width of the PNG in pixels; the height keeps the chart's aspect ratio. */
  readonly pngWidthPx?: number | undefined;
  /** Font files to use instead of the DejaVu Sans found on the system. */
  readonly fontFiles?: readonly string[] | undefined;
}

export interface RenderedChart {
  readonly svg: string;
  readonly png: Buffer;
  /** What Vega-Lite and Vega complained about (empty for a well-formed spec). */
  readonly warnings: readonly string[];
}

export interface RenderedSvg {
  readonly svg: string;
  readonly warnings: readonly string[];
}

const DEFAULT_PNG_WIDTH_PX = 1200;

/** Vega-Lite warnings are about the spec, which carve builds: they signal a bug, so they are collected, not printed. */
function collectingLogger(warnings: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;
  return logger;
}

/** Vega-Lite spec to SVG text (as Vega draws it) and a PNG rasterised from that SVG. */
export async function renderVegaLite(spec: TopLevelSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const { svg, warnings } = await renderSvg(spec);
  return { svg, png: rasterise(svg, options), warnings };
}

/** Vega-Lite spec to SVG text only. */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  installTextLayout();
  // Gradient and clip ids restart for every drawing, so the same spec always gives the same SVG text.
  (vega as unknown as { resetSVGDefIds?: () => void }).resetSVGDefIds?.();
  const warnings: string[] = [];
  let runtime: vega.Runtime;
  try {
    runtime = vega.parse(compile(spec, { logger: collectingLogger(warnings) }).spec);
  } catch (error) {
    throw new CarveError('INTERNAL', `cannot compile a chart: ${String(error)}`, { cause: error });
  }
  const view = new vega.View(runtime, { renderer: 'none', logger: collectingLogger(warnings) });
  try {
    return { svg: await view.toSVG(), warnings };
  } catch (error) {
    throw new CarveError('INTERNAL', `cannot draw a chart: ${String(error)}`, { cause: error });
  } finally {
    view.finalize();
  }
}

/** SVG text to PNG bytes, with the fonts found on this machine. */
export function rasterise(svg: string, options: RenderOptions = {}): Buffer {
  return new Resvg(svg, resvgOptions(options)).render().asPng();
}

/** The rasteriser settings: fitted width, white background, DejaVu Sans (or the given fonts) plus system fonts. */
export function resvgOptions(options: RenderOptions = {}): ResvgRenderOptions {
  const found = findReportFonts();
  const fontFiles = options.fontFiles ?? found.fontFiles;
  const font: NonNullable<ResvgRenderOptions['font']> = {
    loadSystemFonts: true,
    fontFiles: [...fontFiles],
    ...(found.defaultFamily === null || options.fontFiles !== undefined
      ? {}
      : { defaultFontFamily: found.defaultFamily, sansSerifFamily: found.defaultFamily }),
  };
  return { fitTo: { mode: 'width', value: options.pngWidthPx ?? DEFAULT_PNG_WIDTH_PX }, font, background: 'white' };
}
