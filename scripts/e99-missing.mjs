#!/usr/bin/env node
// What a run still lacked just before it reached E99: for each trace of an NB201 problem written by
// `carve bench --out DIR` (DIR/traces/*.csv), the validation that took the hypervolume to 99% of HV_true and the
// true-front points not yet validated, with the share of HV_true each would have added alone, its proxy value
// (nb201SignalGain) and when the run validated it (0 = never within the trace).
//
//   node scripts/e99-missing.mjs <trace.csv>... [--top 4]

import { basename } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { archStrToGenome } from '../dist/benchmarks/nb201/nb201-space.js';
import { nb201SignalGain } from '../dist/benchmarks/nb201/nb201-features.js';
import { scoreRows } from '../dist/benchmarks/harness/score.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { hypervolume } from '../dist/indicators/index.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const { args, fail, flag } = scriptArgs('usage: e99-missing.mjs <trace.csv>... [--top 4]');
const top = Number(flag('top', '4'));
if (!Number.isInteger(top) || top < 1) fail(`--top must be a whole number >= 1, got ${top}`);
if (args.length === 0) fail('give at least one trace');

const problems = new Map();
const round = (values) => values.map((value) => Number(value.toFixed(3)));
for (const file of args) {
  const trace = readNb201Trace(file, fail);
  if (!problems.has(trace.problemId)) problems.set(trace.problemId, resolveProblem(trace.problemId));
  const problem = problems.get(trace.problemId);
  const rows = trace.rows.map((row) => ({ ...row, key: problem.space.key(row.genome) }));
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
