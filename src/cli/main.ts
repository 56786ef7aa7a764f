// The carve command line: parses arguments, runs one command, maps errors to exit codes.

import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerCosts } from './commands/costs.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerMeasure } from './commands/measure.js';
import { registerSpaces } from './commands/spaces.js';
import { registerEvaluatorHelper } from './commands/evaluator-helper.js';
import { registerListings } from './commands/listing.js';
import { registerReport } from './commands/report.js';
import { registerSearch } from './commands/search.js';
import { registerWorker } from './commands/worker.js';
import { EXIT_OK, exitCodeFor, messageFor } from './exit-codes.js';
import { processOutput, type CliOutput } from './output.js';

export function buildProgram(output: CliOutput): Command {
  const program = new Command();
  program
    .name('carve')
    .description('Find the Pareto-optimal sub-networks of a weight-sharing super-network for a target device.')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => output.out(text.replace(/\n$/, '')),
      writeErr: (text) => output.err(text.replace(/\n$/, '')),
    });
  registerSearch(program, output);
  registerWorker(program, output);
  registerReport(program, output);
  registerDashboard(program, output);
  registerBench(program, output);
  registerCosts(program, output);
  registerMeasure(program, output);
  registerSpaces(program, output);
  registerListings(program, output);
  registerEvaluatorHelper(program, output);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI with process-style argv (node, script, …args); resolves to the exit code. */
export async function main(argv: readonly string[], output: CliOutput = processOutput()): Promise<number> {
  const program = buildProgram(output);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    const message = messageFor(error);
    if (message !== null) output.err(message);
    return exitCodeFor(error);
  }
}
