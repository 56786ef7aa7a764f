// `carve measure`: latency of one sub-network on this machine with ONNX Runtime, printed as JSON.

import type { Command } from 'commander';
import { badInput } from '../../core/errors.js';
import { OnnxLatencyEvaluator, type LatencyClock, type LatencyStatistic } from '../../evaluators/onnx-latency/index.js';
import { resolveNativeConfig } from '../../supernets/index.js';
import type { CliOutput } from '../output.js';
import { parseInteger } from '../parse.js';
import { parseConfigJson } from './costs.js';

interface MeasureFlags {
  supernet?: string;
  config?: string;
  batch?: string;
  threads?: string;
  runs?: string;
  warmup?: string;
  statistic?: string;
  clock?: string;
  outputLength?: string;
  sourceLength?: string;
  beam?: string;
}

export function registerMeasure(program: Command, output: CliOutput): void {
  program
    .command('measure')
    .description('measure the latency of one sub-network on this machine (ONNX Runtime, CPU) and print JSON')
    .requiredOption('--supernet <id>', 'super-network id (see `carve spaces`)')
    .requiredOption('--config <json>', 'native config as JSON, e.g. {"ks": [...], "e": [...], "d": [...], "r": 224}')
    .option('--batch <n>', 'batch size (default 1)')
    .option('--threads <n>', 'intra-op threads (default 1)')
    .option('--runs <n>', 'timed runs (default 60)')
    .option('--warmup <n>', 'untimed runs first (default 10)')
    .option('--statistic <name>', 'p10 (default), median, mean or min of the timed runs')
    .option('--clock <name>', 'cpu (process CPU time, default with 1 thread) or wall (default with more threads)')
    .option('--output-length <n>', 'sequence models: tokens generated per run, one decoder step each (default: the family\'s, 30 for HAT)')
    .option('--source-length <n>', 'sequence models: source tokens per sentence (default: the family\'s, 30 for HAT)')
    .option('--beam <n>', 'sequence models: beam width, hypotheses decoded side by side (default: the family\'s, 5 for HAT)')
    .action(async (flags: MeasureFlags) => {
      await runMeasure(flags, output);
    });
}

export async function runMeasure(flags: MeasureFlags, output: CliOutput): Promise<void> {
  if (flags.supernet === undefined) throw badInput('--supernet', 'no super-network given', 'pass --supernet ID (see `carve spaces`)');
  if (flags.config === undefined) throw badInput('--config', 'no config given', "pass --config '{…}'");
  const config = parseConfigJson(flags.config, '--config');
  const { supernet, genome } = resolveNativeConfig(flags.supernet, config);
  const batchSize = parseInteger(flags.batch ?? 1, '--batch', { min: 1, max: 4096 });
  const threads = parseInteger(flags.threads ?? 1, '--threads', { min: 1, max: 256 });
  const repeats = parseInteger(flags.runs ?? 60, '--runs', { min: 1, max: 100_000 });
  const warmup = parseInteger(flags.warmup ?? 10, '--warmup', { min: 0, max: 10_000 });
  const statistic = flags.statistic ?? 'p10';
  if (!['p10', 'median', 'mean', 'min'].includes(statistic)) throw badInput('--statistic', `unknown statistic "${statistic}"`, 'use p10, median, mean or min');
  if (flags.clock !== undefined && flags.clock !== 'cpu' && flags.clock !== 'wall') throw badInput('--clock', `unknown clock "${flags.clock}"`, 'use cpu or wall');
  const plan = {
    ...(flags.outputLength === undefined ? {} : { outputLength: parseInteger(flags.outputLength, '--output-length', { min: 1, max: 1000 }) }),
    ...(flags.sourceLength === undefined ? {} : { sourceLength: parseInteger(flags.sourceLength, '--source-length', { min: 1, max: 1000 }) }),
    ...(flags.beam === undefined ? {} : { beam: parseInteger(flags.beam, '--beam', { min: 1, max: 64 }) }),
  };
  const given = Object.keys(plan)[0];
  if (given !== undefined && supernet.latencyPlan === undefined) {
    const flag = `--${given.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw badInput(flag, `${supernet.id} runs one graph per inference; sequence options do not apply`, 'leave out --output-length, --source-length and --beam');
  }
  const evaluator = new OnnxLatencyEvaluator({
    plan,
    supernet,
    batchSize,
    threads,
    repeats,
    warmup,
    statistic: statistic as LatencyStatistic,
    ...(flags.clock === undefined ? {} : { clock: flags.clock as LatencyClock }),
  });
  try {
    const [result] = await evaluator.evaluate([{ key: supernet.space.key(genome), genome, config }]);
    if (result === undefined || !result.ok) {
      throw badInput('--config', `the sub-network could not be measured: ${result === undefined ? 'no result' : result.reason}`, 'check the config; `carve costs` validates it without measuring');
    }
    const costs = supernet.costs(genome, 'conv-linear');
    output.out(
      JSON.stringify(
        {
          supernet: supernet.id,
          config: supernet.codec.toNative(genome),
          latencyMs: result.values['latency_ms'],
          ...result.meta,
          macs: costs.macs,
          params: costs.params,
          evaluator: evaluator.id,
        },
        null,
        2,
      ),
    );
  } finally {
    await evaluator.close();
  }
}
