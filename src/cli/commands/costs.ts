// `carve costs`: exact MACs and parameters of sub-networks given as native configs (one, or a file of JSON lines).

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CarveError, badInput, isCarveError } from '../../core/errors.js';
import { parseMacsConvention } from '../../onnx/macs-convention.js';
import type { MacsConvention } from '../../onnx/types.js';
import { resolveNativeConfig } from '../../supernets/index.js';
import type { CliOutput } from '../output.js';

interface CostsFlags {
  supernet?: string;
  config?: string;
  configs?: string;
  macsConvention?: string;
}

export function registerCosts(program: Command, output: CliOutput): void {
  program
    .command('costs')
    .description('exact MACs and parameters of sub-networks given as native configs, e.g. OFA {"ks": [...], "e": [...], "d": [...], "r": 224}')
    .requiredOption('--supernet <id>', 'super-network id (see `carve spaces`)')
    .option('--config <json>', 'one native config as JSON; prints {"macs": …, "params": …}')
    .option('--configs <file>', 'file with one JSON config per line ("-" reads stdin); prints one JSON line per config')
    .option('--macs-convention <name>', 'conv-linear (convolutions and linear layers, DyNAS-T logs) or torchprofile', 'conv-linear')
    .action((flags: CostsFlags) => {
      runCosts(flags, output);
    });
}

/** Parses a JSON native config from a flag or a line, naming where it came from when it is not JSON. */
export function parseConfigJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badInput(field, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`, `quote the whole object in the shell, e.g. ${field === '--config' ? `--config '{"ks": [3, 5, …], "e": [...], "d": [...], "r": 224}'` : 'one {"ks": …} object per line'}`);
  }
}

function costsLine(supernetId: string, config: unknown, convention: MacsConvention): string {
  const { supernet, genome } = resolveNativeConfig(supernetId, config);
  const costs = supernet.costs(genome, convention);
  return `{"macs":${costs.macs},"params":${costs.params}}`;
}

export function runCosts(flags: CostsFlags, output: CliOutput): void {
  const supernetId = flags.supernet;
  if (supernetId === undefined) throw badInput('--supernet', 'no super-network given', 'pass --supernet ID (see `carve spaces`)');
  const convention = parseMacsConvention(flags.macsConvention ?? 'conv-linear', '--macs-convention');
  if ((flags.config === undefined) === (flags.configs === undefined)) {
    throw badInput('--config', 'give exactly one of --config and --configs', 'use --config JSON for one sub-network or --configs FILE for many');
  }
  if (flags.config !== undefined) {
    output.out(costsLine(supernetId, parseConfigJson(flags.config, '--config'), convention));
    return;
  }
  const path = flags.configs as string;
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read ${path === '-' ? 'stdin' : path}`, { field: '--configs', cause: error, hint: 'give a readable file, or - for stdin' });
  }
  const lines: string[] = [];
  const failures: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      lines.push(costsLine(supernetId, parseConfigJson(line, `line ${index + 1}`), convention));
    } catch (error) {
      if (!isCarveError(error) || error.code !== 'BAD_INPUT') throw error;
      // Keep one output line per input line so results stay aligned; report the failures after.
      failures.push(`line ${index + 1}: ${error.describe()}`);
      lines.push(JSON.stringify({ line: index + 1, error: `${error.field ?? ''}: ${error.message}`, fix: error.hint ?? null }));
    }
  });
  if (lines.length > 0) output.out(lines.join('\n'));
  if (failures.length > 0) {
    throw badInput('--configs', `${failures.length} of ${lines.length} configs are invalid; first: ${failures[0] as string}`, 'fix the lines reported as {"line": …, "error": …}');
  }
}
