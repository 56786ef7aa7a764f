#!/usr/bin/env node
// Would a trend on more than the proxy rank NB201 cells better? Fits, on k random working cells (repeats times),
// a trend (the project's ridge, alpha 0.1, on rank targets and unit-variance columns) on the proxy alone (P), the proxy and
// whether the effective cell has a parameter-free input-to-output path (PI), plus the number of its pooling
// operations (PIP), plus its deepest chain of convolutions (PIPD); each alone and with an RBF SVR (in full or at
// half weight) or a ridge on the space's features for the residuals. Prints the mean Kendall tau of the error
// predictions over the unseen cells under --good % error, over all of them and within groups of cells with the
// same operation counts (cells a latency table cannot tell apart: what decides which one is on the front).
//
//   node scripts/nb201-trend-tau.mjs <nb201 problem> <k> [--good 12] [--repeats 8]

import { resolveProblem } from '../dist/benchmarks/registry.js';
import { effectiveNb201Cell } from '../dist/benchmarks/nb201/nb201-features.js';
import { createRng } from '../dist/core/rng.js';
import { RidgePredictor, kendallTau, predictorFactory } from '../dist/predictors/index.js';
import { fitTargetTransform } from '../dist/predictors/common/target-transform.js';
import { scriptArgs } from './lib/cli.mjs';

const { args, fail, flag: textFlag } = scriptArgs('usage: nb201-trend-tau.mjs <nb201 problem> <k> [--good 12] [--repeats 8]');
const flag = (name, fallback) => {
  const text = textFlag(name, String(fallback));
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} needs a positive number, got ${text}`);
  return value;
};
const good = flag('good', 12);
const repeats = Math.round(flag('repeats', 8));
const [id, kText] = args;
if (id === undefined || !id.startsWith('nb201/')) fail('give an NB201 problem, e.g. nb201/cifar10/eyeriss');
const k = Number(kText);
if (!Number.isInteger(k) || k < 5) fail(`k must be a whole number of validations >= 5, got ${kText}`);
let problem;
try {
  problem = resolveProblem(id);
} catch (error) {
  fail(`${id}: ${error.message}`);
}

const { table, features, costFeatures } = problem;
const cells = [];
for (let row = 0; row < table.rowCount; row += 1) {
  const genome = table.opIndicesOfRow(row);
  if (!features.degenerate(genome)) cells.push({ genome, error: problem.rawValuesOfRow(row)[0] });
}
// Edges on each input-to-output path of the cell (0->3, 0->1->3, 0->2->3, 0->1->2->3); ops: 0 none, 1 skip, 2-3 conv, 4 pool.
const PATHS = [[3], [0, 4], [1, 5], [0, 2, 5]];
function descriptors(genome) {
  const effective = effectiveNb201Cell(genome);
  const live = PATHS.filter((path) => path.every((edge) => effective[edge] !== 0));
  const identity = live.some((path) => path.every((edge) => effective[edge] === 1)) ? 1 : 0;
  const pools = effective.filter((op) => op === 4).length;
  const depth = Math.max(0, ...live.map((path) => path.filter((edge) => effective[edge] === 2 || effective[edge] === 3).length));
  return [identity, pools, depth];
}
const plain = cells.map((cell) => features.encode(cell.genome));
const proxy = cells.map((cell) => features.proxy(cell.genome));
const described = cells.map((cell) => descriptors(cell.genome));
const group = cells.map((cell) => Array.from(costFeatures.encode(cell.genome)).join(','));
const TRENDS = {
  P: (i) => [proxy[i]],
  PI: (i) => [proxy[i], described[i][0]],
  PIP: (i) => [proxy[i], described[i][0], described[i][1]],
  PIPD: (i) => [proxy[i], ...described[i]],
};

/** Standardised ranks of the targets, the scale every part below learns on. */
const ranks = (values) => Array.from(fitTargetTransform(Float64Array.from(values), 'rank').values);

/** The project's ridge (alpha 0.1 on standardised targets) on the trend's columns, each scaled to unit variance. */
function fitTrend(rows, targets) {
  const scales = rows[0].map((_, c) => {
    const column = rows.map((row) => row[c]);
    const mean = column.reduce((a, x) => a + x, 0) / column.length;
    return Math.sqrt(column.reduce((a, x) => a + (x - mean) ** 2, 0) / column.length) || 1;
  });
  const scaled = (row) => Float64Array.from(row, (value, c) => value / scales[c]);
  const ridge = new RidgePredictor({ alpha: 0.1 });
  ridge.fit(rows.map(scaled), targets);
  return (row) => ridge.predict([scaled(row)])[0];
}

/** Kendall tau within groups of equal operation counts (3 cells or more), weighted by group size. */
function withinGroups(predicted, region) {
  const groups = new Map();
  region.forEach((cell, j) => groups.set(group[cell], [...(groups.get(group[cell]) ?? []), j]));
  let sum = 0;
  let weight = 0;
  for (const members of groups.values()) {
    if (members.length < 3) continue;
    const tau = kendallTau(members.map((j) => predicted[j]), members.map((j) => cells[region[j]].error));
    if (Number.isFinite(tau)) {
      sum += tau * members.length;
      weight += members.length;
    }
  }
  return sum / weight;
}

const totals = new Map();
const add = (name, overall, within) => {
  const entry = totals.get(name) ?? [0, 0];
  totals.set(name, [entry[0] + overall / repeats, entry[1] + within / repeats]);
};
const rng = createRng(100);
for (let repeat = 0; repeat < repeats; repeat += 1) {
  const unseen = cells.map((_, i) => i);
  const train = [];
  while (train.length < k) train.push(unseen.splice(rng.int(unseen.length), 1)[0]);
  const region = unseen.filter((i) => cells[i].error < good);
  const truth = region.map((i) => cells[i].error);
  const targets = ranks(train.map((i) => cells[i].error));
  for (const [name, columns] of Object.entries(TRENDS)) {
    const trend = fitTrend(train.map(columns), targets);
    const residuals = train.map((i, n) => targets[n] - trend(columns(i)));
    const trendPredicted = region.map((i) => trend(columns(i)));
    add(`${name} trend`, kendallTau(trendPredicted, truth), withinGroups(trendPredicted, region));
    for (const residualModel of ['svr', 'ridge']) {
      const model = predictorFactory(residualModel)(createRng(repeat + 1));
      model.fit(train.map((i) => plain[i]), residuals);
      const corrections = model.predict(region.map((i) => plain[i]));
      const weights = residualModel === 'svr' ? [1, 0.5] : [1];
      for (const weight of weights) {
        const predicted = trendPredicted.map((value, j) => value + weight * corrections[j]);
        add(`${name} + ${weight === 1 ? '' : 'half '}${residualModel}`, kendallTau(predicted, truth), withinGroups(predicted, region));
      }
    }
  }
}
console.log(`${id}: mean Kendall tau over ${repeats} sets of ${k} random working cells, unseen cells under ${good}% error`);
console.log(`  ${'trend + residual model'.padEnd(24)} overall  within equal operation counts`);
for (const [name, [overall, within]] of totals) console.log(`  ${name.padEnd(24)} ${overall.toFixed(3)}    ${within.toFixed(3)}`);
