// `carve studies`, `carve problems`, `carve tactics`: what exists, one line each.

import type { Command } from 'commander';
import { listProblems } from '../../benchmarks/index.js';
import { openTrialStore } from '../../storage/index.js';
import type { StudySettings } from '../../study/index.js';
import { DEFAULT_TACTIC, listTactics } from '../../tactics/index.js';
import type { CliOutput } from '../output.js';
import { DEFAULT_STORAGE } from './search.js';

export function registerListings(program: Command, output: CliOutput): void {
  program
    .command('studies')
    .description('list the studies in a store with their trial counts')
    .option('--storage <url>', `sqlite:PATH or postgres://… (default ${DEFAULT_STORAGE})`)
    .action(async (flags: { storage?: string }) => {
      const store = await openTrialStore(flags.storage ?? DEFAULT_STORAGE);
      try {
        const studies = await store.listStudies();
        if (studies.length === 0) output.out(`no studies in ${store.location}`);
        for (const study of studies) {
          const trials = await store.listTrials(study.id);
          const complete = trials.filter((trial) => trial.state === 'complete').length;
          const settings = study.spec as StudySettings;
          output.out(
            `${study.name}\t${settings.problem ?? settings.supernet ?? '-'}\t${settings.tactic}\tseed ${settings.seed}\t${trials.length} trials (${complete} complete)\t${study.createdAt}`,
          );
        }
      } finally {
        await store.close();
      }
    });

  program
    .command('problems')
    .description('list the registered problems (real measured data)')
    .action(() => {
      for (const problem of listProblems()) output.out(`${problem.pattern}\n    ${problem.description}`);
    });

  program
    .command('tactics')
    .description('list the search tactics')
    .action(() => {
      output.out(`${'default'.padEnd(14)} the best tactic measured so far: ${DEFAULT_TACTIC}`);
      for (const tactic of listTactics()) output.out(`${tactic.name.padEnd(14)} ${tactic.description}`);
    });
}
