#!/usr/bin/env node
// How many validations of NB201 runs re-draw a function already validated: for each trace written by
// `carve bench --out DIR` (DIR/traces/*.csv), among its first N validations, those whose cell computes the same
// function as an earlier one (nb201FunctionKey: same effective cell up to relabelling the intermediate nodes),
// split into "no faster" (latency not below every earlier one of that function: only the training noise of the
// accuracy can differ) and "faster", each with how many of them are on the run's front after N validations.
//
//   node scripts/nb201-redraws.mjs <trace.csv>... [--upto 100]

import { basename } from 'node:path';
import { nb201FunctionKey } from '../dist/benchmarks/nb201/nb201-features.js';
import { paretoFrontIndices } from '../dist/indicators/index.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const { args, fail, flag } = scriptArgs('usage: nb201-redraws.mjs <trace.csv>... [--upto 100]');
const upto = Number(flag('upto', '100'));
if (!Number.isInteger(upto) || upto < 1) fail(`--upto must be a whole number >= 1, got ${upto}`);
if (args.length === 0) fail('give at least one trace');

const totals = new Map();
for (const file of args) {
  const trace = readNb201Trace(file, fail);
  const rows = trace.rows.slice(0, upto);
  const front = new Set(paretoFrontIndices(rows.map((row) => row.values)));
  const fastest = new Map();
  const count = { validations: rows.length, noFaster: 0, noFasterOnFront: 0, faster: 0, fasterOnFront: 0 };
  rows.forEach((row, index) => {
    const key = nb201FunctionKey(row.genome);
    const latency = row.values[1];
    const before = fastest.get(key);
    if (before !== undefined) {
      const kind = latency < before ? 'faster' : 'noFaster';
      count[kind] += 1;
      if (front.has(index)) count[`${kind}OnFront`] += 1;
    }
    fastest.set(key, Math.min(before ?? Number.POSITIVE_INFINITY, latency));
  });
  console.log(
    `${basename(file)}: of ${count.validations}, re-draws no faster ${count.noFaster} (${count.noFasterOnFront} on the front), faster ${count.faster} (${count.fasterOnFront} on the front)`,
  );
  const sum = totals.get(trace.problemId) ?? { runs: 0, validations: 0, noFaster: 0, faster: 0 };
  totals.set(trace.problemId, {
    runs: sum.runs + 1,
    validations: sum.validations + count.validations,
    noFaster: sum.noFaster + count.noFaster,
    faster: sum.faster + count.faster,
  });
}
for (const [problem, sum] of totals) {
  const share = (part) => `${((100 * part) / sum.validations).toFixed(1)}%`;
  console.log(`${problem}, ${sum.runs} runs: re-draws no faster ${share(sum.noFaster)} of the validations, faster ${share(sum.faster)}`);
}
