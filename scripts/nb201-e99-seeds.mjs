#!/usr/bin/env node
// Per-seed E99 of `carve bench --out DIR` runs on NB201 problems, side by side (same problem and seed in every DIR),
// with how many seeds each later DIR is better / equal / worse on than the first, and the evaluations the first
// DIR's runs would have needed had each batch been handed out in the best order (greedy: within the batch that
// crossed 99% of HV_true, the members adding most hypervolume first; what each batch holds is unchanged).
//
//   node scripts/nb201-e99-seeds.mjs <dir>... [--from 0] [--to 9] [--batch 10]

import { readdirSync } from 'node:fs';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { scoreRows } from '../dist/benchmarks/harness/score.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { hypervolume } from '../dist/indicators/index.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const { args, fail, flag } = scriptArgs('usage: nb201-e99-seeds.mjs <dir>... [--from 0] [--to 9] [--batch 10]');
const from = Number(flag('from', '0'));
const to = Number(flag('to', String(Number.MAX_SAFE_INTEGER)));
const batchSize = Number(flag('batch', '10'));
if (!Number.isInteger(batchSize) || batchSize < 1) fail(`--batch must be a whole number >= 1, got ${batchSize}`);
if (args.length === 0) fail('give at least one bench output directory');

const problems = new Map();
/** E99 (null: not reached) and the E99 of the best order within the crossing batch. */
function score(file) {
  const trace = readNb201Trace(file, fail);
  if (!problems.has(trace.problemId)) problems.set(trace.problemId, resolveProblem(trace.problemId));
  const problem = problems.get(trace.problemId);
  const rows = trace.rows.map((row) => ({ ...row, key: problem.space.key(row.genome) }));
  const result = scoreRows(problem, rows);
  const e99 = result.reached['E99'];
  if (e99 === null) return { e99: null, ordered: null };
  const reference = problem.objectives.map(() => 1);
  const points = rows.map((row) => normalizeObjectives(problem, row.values));
  const hvTrue = hypervolume(points.slice(0, e99), reference) / (result.hvRatio[e99 - 1]);
  const start = Math.floor((e99 - 1) / batchSize) * batchSize;
  const current = points.slice(0, start);
  const left = points.slice(start, start + batchSize);
  let taken = 0;
  while (hypervolume(current, reference) < 0.99 * hvTrue * (1 - 1e-12) && left.length > 0) {
    let best = 0;
    let bestValue = -1;
    left.forEach((point, index) => {
      const value = hypervolume([...current, point], reference);
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    });
    current.push(left.splice(best, 1)[0]);
    taken += 1;
  }
  return { e99, ordered: start + taken };
}

const table = new Map();
args.forEach((dir, position) => {
  let files;
  try {
    files = readdirSync(`${dir}/traces`).filter((name) => name.endsWith('.csv'));
  } catch {
    fail(`${dir}: no traces folder (give directories written by carve bench --out)`);
  }
  for (const name of files) {
    const match = name.match(/^(.*)__.*__seed(\d+)\.csv$/);
    if (match === null) continue;
    const seed = Number(match[2]);
    if (seed < from || seed > to) continue;
    const bySeed = table.get(match[1]) ?? new Map();
    const row = bySeed.get(seed) ?? [];
    row[position] = score(`${dir}/traces/${name}`);
    bySeed.set(seed, row);
    table.set(match[1], bySeed);
  }
});

const median = (values) => {
  const sorted = values.map((value) => value ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Number.isFinite(value) ? value : 'n.r.';
};
for (const [problem, bySeed] of [...table.entries()].sort()) {
  const seeds = [...bySeed.entries()].filter(([, row]) => args.every((_, position) => row[position] !== undefined)).sort((a, b) => a[0] - b[0]);
  console.log(`${problem}: ${seeds.length} seeds (${seeds[0]?.[0]}-${seeds.at(-1)?.[0]})`);
  args.forEach((dir, position) => {
    const e99s = seeds.map(([, row]) => row[position].e99);
    let line = `  ${dir}: E99 median ${median(e99s)} [${e99s.map((value) => value ?? 'n.r.').join(' ')}]`;
    line += `; best order in the crossing batch ${median(seeds.map(([, row]) => row[position].ordered))}`;
    if (position > 0) {
      const diffs = seeds.map(([, row]) => (row[position].e99 ?? Infinity) - (row[0].e99 ?? Infinity)).filter((diff) => !Number.isNaN(diff));
      line += `; against ${args[0]}: better ${diffs.filter((diff) => diff < 0).length}, equal ${diffs.filter((diff) => diff === 0).length}, worse ${diffs.filter((diff) => diff > 0).length}`;
    }
    console.log(line);
  });
}
