// `carve evaluator-helper`: print the Python helper for external evaluators, to save beside the user's script.

import type { Command } from 'commander';
import { PYTHON_HELPER_FILE, PYTHON_HELPER_VERSION, pythonHelperPath, readPythonHelper } from '../../evaluators/external/index.js';
import type { CliOutput } from '../output.js';

interface EvaluatorHelperFlags {
  path?: boolean;
}

export function registerEvaluatorHelper(program: Command, output: CliOutput): void {
  program
    .command('evaluator-helper')
    .description(`print the Python helper ${PYTHON_HELPER_FILE} ${PYTHON_HELPER_VERSION} (save it: carve evaluator-helper > ${PYTHON_HELPER_FILE})`)
    .option('--path', 'print where the helper file is installed instead of its text')
    .action((flags: EvaluatorHelperFlags) => {
      runEvaluatorHelper(flags, output);
    });
}

export function runEvaluatorHelper(flags: EvaluatorHelperFlags, output: CliOutput): void {
  // The text goes to stdout unchanged, so redirecting it gives a runnable file.
  output.out(flags.path === true ? pythonHelperPath() : readPythonHelper());
}
