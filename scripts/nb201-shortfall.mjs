#!/usr/bin/env node
// Where along the front a run's hypervolume is short: for NB201 traces written by `carve bench --out DIR`, the
// hypervolume the first K validations lack against the true front (share of HV_true), split into bins of the
// normalised latency (the second objective; see shortfallBySecondObjective). One row per trace, then the sum.
//
//   node scripts/nb201-shortfall.mjs <trace.csv>... --at K [--bins 10] [--upto 1]

import { basename } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { shortfallBySecondObjective } from '../dist/indicators/index.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const { args, fail, flag } = scriptArgs('usage: nb201-shortfall.mjs <trace.csv>... --at K [--bins 10] [--upto 1]');
const at = Number(flag('at', 'missing'));
const bins = Number(flag('bins', '10'));
const upto = Number(flag('upto', '1'));
if (!Number.isInteger(at) || at < 1) fail('--at must be the number of validations to look at (a whole number >= 1)');
if (!Number.isInteger(bins) || bins < 1 || bins > 100) fail(`--bins must be a whole number in 1-100, got ${bins}`);
if (!(upto > 0 && upto <= 1)) fail(`--upto must be a normalised latency in (0, 1], got ${upto}`);
if (args.length === 0) fail('give at least one trace');

const problems = new Map();
const total = new Array(bins).fill(0);
const format = (values) => values.map((value) => value.toFixed(2).padStart(5)).join(' ');
console.log(`shortfall in % of HV_true after ${at} validations, by normalised latency in ${bins} bins over [0, ${upto}]`);
for (const file of args) {
  const trace = readNb201Trace(file, fail);
  if (!problems.has(trace.problemId)) problems.set(trace.problemId, resolveProblem(trace.problemId));
  const problem = problems.get(trace.problemId);
  const reference = problem.reference;
  const truth = reference.trueFront.map((row) => normalizeObjectives(problem, row.values));
  const run = trace.rows.slice(0, at).map((row) => normalizeObjectives(problem, row.values));
  const shares = shortfallBySecondObjective(run, truth, bins, upto).map((value) => (100 * value) / reference.hvTrue);
  shares.forEach((value, bin) => (total[bin] += value));
  const sum = shares.reduce((acc, value) => acc + value, 0);
  console.log(`${basename(file)}  total ${sum.toFixed(2)}  |  ${format(shares)}`);
}
console.log(`sum over ${args.length} traces  |  ${format(total)}`);
