// `carve bench`: tactics scored side by side on real measured data, by the benchmark protocol.

import type { Command } from 'commander';
import { parseBenchTactic, problemMarkdown, runBench } from '../../benchmarks/harness/index.js';
import { tacticFactory } from '../../tactics/index.js';
import type { CliOutput } from '../output.js';
import { parseInteger, parseList } from '../parse.js';
import { badInput } from '../../core/errors.js';

interface BenchFlags {
  problem?: string;
  tactic?: string;
  seeds?: string;
  firstSeed?: string;
  budget?: string;
  population?: string;
  parallel?: string;
  out?: string;
  json?: string;
  tacticOptions?: string;
  stopAt?: string;
  quiet?: boolean;
}

/** `--stop-at`: a level name (E95, E99, E99.5) or a share of HV_true in (0, 1]. */
export function parseStopAt(text: string): number {
  const named = /^e(\d+(?:\.\d+)?)$/i.exec(text.trim());
  const value = named === null ? Number(text) : Number(named[1]) / 100;
  if (!Number.isFinite(value) || value <= 0 || value > 1 || text.trim() === '') {
    throw badInput('--stop-at', `"${text}" is not a level`, 'give E95, E99 or E99.5 (or a share of HV_true such as 0.99)');
  }
  return value;
}

function parseTacticOptions(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badInput('--tactic-options', `not JSON: ${error instanceof Error ? error.message : String(error)}`, 'give a JSON object, e.g. \'{"batchSize":25}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput('--tactic-options', 'must be a JSON object', 'e.g. \'{"batchSize":25}\'');
  }
  return value as Record<string, unknown>;
}

export function registerBench(program: Command, output: CliOutput): void {
  program
    .command('bench')
    .description('run tactics on problems with known true fronts for several seeds and score them (E95/E99/E99.5, HV ratios)')
    .requiredOption('--problem <ids>', 'comma-separated problem ids, e.g. nb201/cifar10/pixel3,nb201/cifar10/eyeriss')
    .requiredOption(
      '--tactic <names>',
      'comma-separated tactics, e.g. random,nsga2; NAME:cost-aware runs NAME in the cost-aware track (cheap objectives such as latency computed freely, only full validations counted)',
    )
    .option('--seeds <n>', 'seeds 0..n-1 (default 10)')
    .option('--first-seed <n>', 'start the seeds here instead of 0 (e.g. check a tactic on seeds 10..29 after choosing it on 0..9)')
    .option('--budget <n>', 'oracle calls per run (default 500)')
    .option('--population <n>', 'population / batch size (default 50)')
    .option('--parallel <n>', 'runs at once (default: number of cores)')
    .option('--out <dir>', 'write traces/, summary.json, summary.md, plots and index.html here')
    .option('--json <file>', 'also write the JSON summary to this file')
    .option('--tactic-options <json>', 'options given to every tactic listed, as a JSON object, e.g. \'{"batchSize":25}\' (see each tactic\'s options)')
    .option(
      '--stop-at <level>',
      'stop each run after the batch that reaches this level (E95, E99, E99.5): the same scores up to it, much less time; higher levels and later HV@k are not measured',
    )
    .option('--quiet', 'no progress output')
    .action(async (flags: BenchFlags) => {
      const problems = parseList(flags.problem) ?? [];
      const tactics = parseList(flags.tactic) ?? [];
      if (problems.length === 0) throw badInput('--problem', 'no problem given', 'e.g. --problem nb201/cifar10/pixel3');
      if (tactics.length === 0) throw badInput('--tactic', 'no tactic given', 'e.g. --tactic random,nsga2');
      for (const tactic of tactics) tacticFactory(parseBenchTactic(tactic).tactic); // unknown names fail before any run starts
      const seeds = flags.seeds === undefined ? 10 : parseInteger(flags.seeds, '--seeds', { min: 1 });
      const firstSeed = flags.firstSeed === undefined ? 0 : parseInteger(flags.firstSeed, '--first-seed', { min: 0 });
      const budget = flags.budget === undefined ? 500 : parseInteger(flags.budget, '--budget', { min: 1 });
      const populationSize = flags.population === undefined ? 50 : parseInteger(flags.population, '--population', { min: 1 });
      const parallelism = flags.parallel === undefined ? undefined : parseInteger(flags.parallel, '--parallel', { min: 1 });
      const tacticOptions = flags.tacticOptions === undefined ? undefined : parseTacticOptions(flags.tacticOptions);
      const stopAt = flags.stopAt === undefined ? undefined : parseStopAt(flags.stopAt);
      const started = Date.now();
      const command = `carve bench --problem ${problems.join(',')} --tactic ${tactics.join(',')} --seeds ${seeds}${firstSeed === 0 ? '' : ` --first-seed ${firstSeed}`} --budget ${budget}` +
        (populationSize === 50 ? '' : ` --population ${populationSize}`) +
        (flags.tacticOptions === undefined ? '' : ` --tactic-options '${flags.tacticOptions}'`) +
        (flags.stopAt === undefined ? '' : ` --stop-at ${flags.stopAt}`);
      const result = await runBench({
        problems,
        tactics,
        seeds,
        ...(firstSeed === 0 ? {} : { firstSeed }),
        budget,
        populationSize,
        command,
        ...(tacticOptions === undefined ? {} : { tacticOptions }),
        ...(parallelism === undefined ? {} : { parallelism }),
        ...(stopAt === undefined ? {} : { stopAt }),
        ...(flags.out === undefined ? {} : { outDir: flags.out }),
        ...(flags.json === undefined ? {} : { jsonFile: flags.json }),
        onRunDone: (done, total, trace) => {
          if (flags.quiet === true) return;
          const elapsed = (Date.now() - started) / 1000;
          const eta = (elapsed / done) * (total - done);
          output.err(`[${done}/${total}] ${trace.problem} ${trace.tactic} seed ${trace.seed} done | ${elapsed.toFixed(0)} s elapsed, ETA ${eta.toFixed(0)} s`);
        },
      });
      for (const problem of result.summary.problems) output.out(`${problemMarkdown(problem)}\n`);
      if (flags.out !== undefined) output.out(`wrote ${result.files.length} files to ${flags.out} (open ${flags.out}/index.html)`);
    });
}
