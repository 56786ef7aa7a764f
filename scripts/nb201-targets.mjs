#!/usr/bin/env node
// The protocol's targets over NB201 combinations, from one `carve bench --out DIR` run (typically every
// dataset x device, tactics `carve,linas`, --stop-at E99): per problem the tactic's median E99, the reference's,
// their ratio, and whether the target is met (median E99 at most half of the reference's and every seed reaching
// E99 within the budget). On the five public problems the reference is DyNAS-T's own LINAS (the protocol's
// figures); elsewhere it is the reference tactic run beside it (carve's faithful `linas`). The column "fewest" is
// the fewest validations any search could need: the size of the smallest subset of the true front whose
// hypervolume reaches 99% of HV_true (exact; a search that knew the table would validate just that subset).
//
// With --reference-from DIR2 the reference tactic's runs are read from another bench directory (e.g. a variant run
// alone, compared with the reference run once on the same seeds).
//
//   node scripts/nb201-targets.mjs DIR [--tactic carve] [--reference linas] [--reference-from DIR2] [--markdown]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { fewestPointsForHypervolume2d } from '../dist/indicators/index.js';
import { scriptArgs } from './lib/cli.mjs';

const { args, fail, flag } = scriptArgs('usage: nb201-targets.mjs DIR [--tactic carve] [--reference linas] [--reference-from DIR2] [--markdown]');
const tacticName = flag('tactic', 'carve');
const referenceName = flag('reference', 'linas');
const referenceDir = flag('reference-from', undefined);
const markdown = args.includes('--markdown');
const dirs = args.filter((arg) => arg !== '--markdown');
if (dirs.length !== 1) fail('give one bench output directory');

/** DyNAS-T 1.6 LINAS median E99 on the public problems (benchmark protocol, measured with its own code). */
const DYNAST_LINAS = {
  'nb201/cifar10/pixel3': 122.5,
  'nb201/cifar10/eyeriss': 68,
  'nb201/cifar10/titanxp_1': 175,
  'nb201/cifar10/gold_6226': 117.5,
  'nb201/imagenet16_120/raspi4': 406.5,
};

function readSummary(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  } catch (error) {
    return fail(`cannot read ${join(dir, 'summary.json')}: ${error.message}`);
  }
}
const summary = readSummary(dirs[0]);
const referenceSummary = referenceDir === undefined ? summary : readSummary(referenceDir);

/** The fewest true-front points reaching 99% of HV_true. */
function fewestFor(id) {
  const problem = resolveProblem(id);
  const reference = problem.reference;
  const points = reference.trueFront.map((row) => normalizeObjectives(problem, row.values));
  return fewestPointsForHypervolume2d(points, [1, 1], 0.99 * reference.hvTrue);
}

const rows = [];
for (const problem of summary.problems) {
  const tactic = problem.tactics.find((entry) => entry.tactic === tacticName);
  if (tactic === undefined) fail(`${problem.problem}: no tactic ${tacticName} in ${dirs[0]}`);
  const e99 = tactic.levels.E99;
  const dynast = DYNAST_LINAS[problem.problem];
  let reference;
  let referenceLabel;
  if (dynast !== undefined) {
    reference = dynast;
    referenceLabel = 'DyNAS-T LINAS';
  } else {
    const own = referenceSummary.problems.find((entry) => entry.problem === problem.problem)?.tactics.find((entry) => entry.tactic === referenceName);
    if (own === undefined) fail(`${problem.problem}: no tactic ${referenceName} in ${referenceDir ?? dirs[0]}`);
    reference = own.levels.E99.median; // null: the reference's median did not reach E99
    referenceLabel = referenceName;
  }
  const allReached = e99.reachedCount === e99.runs;
  // A reference that did not reach E99 within the budget: the ratio is below median / budget.
  const ratio = e99.median === null ? null : e99.median / (reference ?? summary.budget);
  const ratioBound = reference === null;
  rows.push({
    problem: problem.problem,
    front: problem.frontSize,
    fewest: fewestFor(problem.problem),
    e99: e99.median,
    range: `${e99.min ?? 'n.r.'}-${e99.max ?? 'n.r.'}`,
    reached: `${e99.reachedCount}/${e99.runs}`,
    perFront: e99.median === null ? null : e99.median / problem.frontSize,
    reference,
    referenceLabel,
    ratio,
    ratioBound,
    allReached,
    met: ratio !== null && ratio <= 0.5 && allReached,
  });
}

const show = (value, digits) => (value === null ? 'n.r.' : Number.isInteger(value) ? String(value) : value.toFixed(digits));
const header = ['problem', 'front', 'fewest', `${tacticName} E99 (min-max)`, 'seeds reached', 'E99/front', 'reference E99', 'ratio', 'met'];
const lines = rows.map((row) => [
  row.problem,
  String(row.front),
  String(row.fewest),
  `${show(row.e99, 1)} (${row.range})`,
  row.reached,
  show(row.perFront, 2),
  `${show(row.reference, 1)} (${row.referenceLabel})`,
  `${row.ratioBound ? '< ' : ''}${show(row.ratio, 2)}`,
  row.met ? 'yes' : 'NO',
]);
if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
} else {
  const widths = header.map((cell, index) => Math.max(cell.length, ...lines.map((line) => line[index].length)));
  const pad = (cells) => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ');
  console.log(pad(header));
  for (const line of lines) console.log(pad(line));
}
const met = rows.filter((row) => row.met).length;
const logMean = rows.every((row) => row.e99 !== null) ? Math.exp(rows.reduce((sum, row) => sum + Math.log(row.e99), 0) / rows.length) : null;
const ratios = rows.map((row) => row.ratio).filter((ratio) => ratio !== null).sort((a, b) => a - b);
const perFront = rows.map((row) => row.perFront).filter((value) => value !== null).sort((a, b) => a - b);
const medianOf = (values) => (values.length === 0 ? null : values.length % 2 === 1 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2);
console.log(
  `\nmet on ${met} of ${rows.length}; ratio median ${show(medianOf(ratios), 2)}, worst ${show(ratios.at(-1) ?? null, 2)}; ` +
    `E99/front median ${show(medianOf(perFront), 2)}, worst ${show(perFront.at(-1) ?? null, 2)}; ` +
    `geometric mean of the E99 medians ${show(logMean, 2)}`,
);
const missed = rows.filter((row) => !row.met).map((row) => `${row.problem} ${show(row.ratio, 2)}${row.allReached ? '' : ` (${row.reached} seeds)`}`);
if (missed.length > 0) console.log(`not met: ${missed.join('; ')}`);
