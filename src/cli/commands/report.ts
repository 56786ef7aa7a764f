// `carve report`: write a stored study's front, trials, plots and HTML page to a folder.

import type { Command } from 'commander';
import { loadReportData } from '../../compose/stored-report.js';
import { CarveError, badInput } from '../../core/errors.js';
import { writeStudyReport } from '../../reports/index.js';
import { openTrialStore } from '../../storage/index.js';
import type { CliOutput } from '../output.js';
import { DEFAULT_STORAGE } from './search.js';

interface ReportFlags {
  study?: string;
  out?: string;
  storage?: string;
}

export function registerReport(program: Command, output: CliOutput): void {
  program
    .command('report')
    .description('write front.csv/json, trials.csv/json, iterations.csv/json (model-based tactics), SVG/PNG plots and report.html for a stored study')
    .requiredOption('--study <name>', 'study name (list them with `carve studies`)')
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .option('--storage <url>', `sqlite:PATH or postgres://… (default ${DEFAULT_STORAGE})`)
    .action(async (flags: ReportFlags) => {
      await runReport(flags, output);
    });
}

export async function runReport(flags: ReportFlags, output: CliOutput): Promise<void> {
  if (flags.study === undefined) throw badInput('--study', 'no study given', 'pass --study NAME');
  if (flags.out === undefined) throw badInput('--out', 'no output folder given', 'pass --out DIR');
  const store = await openTrialStore(flags.storage ?? DEFAULT_STORAGE);
  try {
    const record = await store.getStudy(flags.study);
    if (record === null) {
      throw new CarveError('NOT_FOUND', `no study named "${flags.study}" in ${store.location}`, {
        field: '--study',
        hint: 'list the stored studies with `carve studies --storage …`',
      });
    }
    const data = await loadReportData(store, record);
    const written = await writeStudyReport(data, flags.out);
    output.out(`wrote ${written.files.length} files to ${flags.out}:`);
    for (const file of written.files) output.out(`  ${file}`);
  } finally {
    await store.close();
  }
}
