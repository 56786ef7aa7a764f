#!/usr/bin/env node
// Where along the front a run's hypervolume is short: for NB201 traces written by `carve bench --out DIR`, the
// hypervolume the first K validations lack against the true front (share of HV_true), split into bins of the
// normalised latency (the second objective). In two objectives the region a set dominates is, at each latency t,
// the errors above the best error of its points no slower than t; the shortfall at t is the difference between
// the run's best error there and the true front's, and the bins integrate it. One row per trace, then the sum.
//
//   node scripts/nb201-shortfall.mjs <trace.csv>... --at K [--bins 10] [--upto 1]

import { basename } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
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

/** The staircase of a 2-D minimisation set: points by ascending latency (index 1), each better in error than the last. */
function staircase(points) {
  const sorted = [...points].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const steps = [];
  for (const point of sorted) if (steps.length === 0 || point[0] < steps[steps.length - 1][0]) steps.push(point);
  return steps;
}

/** Shortfall of `steps` against `reference` (both staircases) integrated over latency [0, upto] in `bins` bins. */
function shortfallByLatency(steps, reference, bins, upto) {
  const cuts = new Set([0, upto]);
  for (const point of [...steps, ...reference]) if (point[1] > 0 && point[1] < upto) cuts.add(point[1]);
  for (let bin = 1; bin < bins; bin += 1) cuts.add((upto * bin) / bins);
  const edges = [...cuts].sort((a, b) => a - b);
  const bestAt = (stairs, t) => {
    let best = 1;
    for (const point of stairs) {
      if (point[1] > t) break;
      best = Math.min(best, point[0]);
    }
    return best;
  };
  const result = new Array(bins).fill(0);
  for (let index = 0; index + 1 < edges.length; index += 1) {
    const from = edges[index];
    const to = edges[index + 1];
    // Both staircases are constant on [from, to): evaluate at the left edge.
    const gap = Math.max(0, bestAt(steps, from) - bestAt(reference, from));
    const bin = Math.min(bins - 1, Math.floor((from / upto) * bins + 1e-9));
    result[bin] += gap * (to - from);
  }
  return result;
}

const problems = new Map();
const total = new Array(bins).fill(0);
const format = (values) => values.map((value) => value.toFixed(2).padStart(5)).join(' ');
console.log(`shortfall in % of HV_true after ${at} validations, by normalised latency in ${bins} bins over [0, ${upto}]`);
for (const file of args) {
  const trace = readNb201Trace(file, fail);
  if (!problems.has(trace.problemId)) problems.set(trace.problemId, resolveProblem(trace.problemId));
  const problem = problems.get(trace.problemId);
  const reference = problem.reference;
  const truth = staircase(reference.trueFront.map((row) => normalizeObjectives(problem, row.values)));
  const run = staircase(trace.rows.slice(0, at).map((row) => normalizeObjectives(problem, row.values)));
  const shares = shortfallByLatency(run, truth, bins, upto).map((value) => (100 * value) / reference.hvTrue);
  shares.forEach((value, bin) => (total[bin] += value));
  const sum = shares.reduce((acc, value) => acc + value, 0);
  console.log(`${basename(file)}  total ${sum.toFixed(2)}  |  ${format(shares)}`);
}
console.log(`sum over ${args.length} traces  |  ${format(total)}`);
