// Finds font files for the PNG rasteriser, which draws no text at all when it has no font.

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The family the charts ask for; the fallbacks cover browsers viewing the SVG or HTML elsewhere. */
export const REPORT_FONT_FAMILY = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** Where common systems keep DejaVu Sans (Debian/Ubuntu `fonts-dejavu-core`, Fedora, Arch, Alpine, Homebrew). */
const DEJAVU_DIRECTORIES = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/ttf-dejavu',
  '/usr/local/share/fonts',
  '/opt/homebrew/share/fonts',
];

const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

export interface ReportFonts {
  /** Font files to load explicitly (may be empty: then only the system fonts are used). */
  readonly fontFiles: readonly string[];
  /** Family to fall back to for any text, or null to let the rasteriser choose. */
  readonly defaultFamily: string | null;
  /** The regular and bold faces, whose metrics lay out chart text; null when not found. */
  readonly regularFile: string | null;
  readonly boldFile: string | null;
}

let cached: ReportFonts | undefined;

/** DejaVu Sans when it is installed anywhere usual; otherwise nothing, and system fonts must do. */
export function findReportFonts(): ReportFonts {
  if (cached !== undefined) return cached;
  for (const directory of DEJAVU_DIRECTORIES) {
    const [regular, bold] = DEJAVU_FILES.map((name) => join(directory, name)).map((path) => (existsSync(path) ? path : null));
    if (regular !== null && regular !== undefined) {
      const boldFile = bold ?? null;
      cached = { fontFiles: boldFile === null ? [regular] : [regular, boldFile], defaultFamily: 'DejaVu Sans', regularFile: regular, boldFile };
      return cached;
    }
  }
  cached = { fontFiles: [], defaultFamily: null, regularFile: null, boldFile: null };
  return cached;
}
