#!/usr/bin/env node
// What a run still lacked just before it reached E99: for each trace of an NB201 problem written by
// `carve bench --out DIR` (DIR/traces/*.csv), the validation that took the hypervolume to 99% of HV_true and the
// true-front points not yet validated, with the share of HV_true each would have added alone, its proxy value
// (nb201SignalGain) and when the run validated it (0 = never within the trace).
//
//   node scripts/e99-missing.mjs <trace.csv>... [--top 4]

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { archStrToGenome } from '../dist/benchmarks/nb201/nb201-space.js';
import { nb201SignalGain } from '../dist/benchmarks/nb201/nb201-features.js';
import { scoreRows } from '../dist/benchmarks/harness/score.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { hypervolume } from '../dist/indicators/index.js';

const USAGE = 'usage: e99-missing.mjs <trace.csv>... [--top 4]';
const fail = (message) => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
let top = 4;
if (topAt >= 0) {
  top = Number(args[topAt + 1]);
  if (!Number.isInteger(top) || top < 1) fail(`--top must be a whole number >= 1, got ${args[topAt + 1]}`);
  args.splice(topAt, 2);
}
if (args.length === 0) fail('give at least one trace');

const problems = new Map();
const round = (values) => values.map((value) => Number(value.toFixed(3)));
for (const file of args) {
  const match = basename(file).split('__')[0]?.match(/^nb201_(cifar100|cifar10|imagenet16_120)_(.+)$/);
  if (!match) fail(`${file}: not an NB201 trace of carve bench (nb201_<dataset>_<device>__<tactic>__seed<N>.csv)`);
  const id = `nb201/${match[1]}/${match[2]}`;
  if (!problems.has(id)) problems.set(id, resolveProblem(id));
  const problem = problems.get(id);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`${file}: cannot read it`);
  }
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',');
      const genome = archStrToGenome(cells[1]);
      return { k: Number(cells[0]), key: problem.space.key(genome), genome, values: cells.slice(2).map(Number) };
    });
  const e99 = scoreRows(problem, rows).reached['E99'];
  if (e99 === null) {
    console.log(`${basename(file)}: E99 not reached in ${rows.length} validations`);
    continue;
  }
  const reference = problem.objectives.map(() => 1);
  const before = rows.slice(0, e99 - 1);
  const points = before.map((row) => normalizeObjectives(problem, row.values));
  const base = hypervolume(points, reference);
  const seen = new Set(before.map((row) => row.key));
  const missing = [];
  for (const point of problem.reference.trueFront) {
    if (seen.has(point.key)) continue;
    const gain = hypervolume([...points, normalizeObjectives(problem, point.values)], reference) - base;
    if (gain <= 1e-9) continue;
    const genome = archStrToGenome(problem.reference.nativeId(point.key));
    const found = rows.findIndex((row) => row.key === point.key) + 1;
    missing.push({ values: round(point.values), share: (100 * gain) / problem.reference.hvTrue, proxy: nb201SignalGain(genome), found });
  }
  missing.sort((a, b) => b.share - a.share);
  const last = rows[e99 - 1];
  const listed = missing
    .slice(0, top)
    .map((entry) => `${JSON.stringify(entry.values)} +${entry.share.toFixed(2)}% proxy ${entry.proxy.toFixed(1)} validated at ${entry.found}`)
    .join('; ');
  console.log(`${basename(file)}: E99 ${e99}, reached with ${JSON.stringify(round(last.values))} (proxy ${nb201SignalGain(last.genome).toFixed(1)}); missing then: ${listed}`);
}
