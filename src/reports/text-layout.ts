// Gives Vega real text widths (from the font the PNG is drawn with) so labels, legends and titles are laid out
// to fit; without a canvas Vega would guess 0.8 em per character and leave gaps or cut labels.

import * as vega from 'vega';
import { ESTIMATED_METRICS, loadFontMetrics, type FontMetrics } from './font-metrics.js';
import { findReportFonts } from './fonts.js';

interface TextItem {
  readonly text?: unknown;
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
}

/** The part of vega-scenegraph's text measurement that may be replaced (documented as a user hook). */
interface VegaTextMetrics {
  width: (item: TextItem, text?: unknown) => number;
}

let installed = false;

function isBold(weight: TextItem['fontWeight']): boolean {
  if (weight === null || weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

function loadOrEstimate(path: string | null): FontMetrics {
  if (path === null) return ESTIMATED_METRICS;
  try {
    return loadFontMetrics(path);
  } catch {
    return ESTIMATED_METRICS;
  }
}

/** Installs the measurement once per process; later calls do nothing. */
export function installTextLayout(): void {
  if (installed) return;
  installed = true;
  const fonts = findReportFonts();
  const regular = loadOrEstimate(fonts.regularFile);
  const bold = fonts.boldFile === null ? regular : loadOrEstimate(fonts.boldFile);
  const metrics = (vega as unknown as { textMetrics?: VegaTextMetrics }).textMetrics;
  if (metrics === undefined) return;
  metrics.width = (item, text) => {
    const raw = text ?? item.text;
    const value = raw === null || raw === undefined ? '' : String(raw).trim();
    const fontSizePx = item.fontSize === null || item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    return (isBold(item.fontWeight) ? bold : regular).widthPx(value, fontSizePx);
  };
}
