#!/usr/bin/env node
// Would a trend on more than the proxy rank NB201 cells better? Fits, on k random working cells (repeats times),
// a least-squares trend (rank targets, a light ridge on standardised columns) on the proxy alone (P), the proxy and
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
import { kendallTau, predictorFactory } from '../dist/predictors/index.js';

const USAGE = 'usage: nb201-trend-tau.mjs <nb201 problem> <k> [--good 12] [--repeats 8]';
const fail = (message) => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) fail(`--${name} needs a positive number, got ${args[at + 1]}`);
  args.splice(at, 2);
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

/** Standardised ranks of the targets (ties broken by order). */
function ranks(values) {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const rank = new Array(values.length);
  order.forEach((i, position) => (rank[i] = position));
  const mean = (values.length - 1) / 2;
  const sd = Math.sqrt(rank.reduce((sum, r) => sum + (r - mean) ** 2, 0) / values.length) || 1;
  return rank.map((r) => (r - mean) / sd);
}

/** Least squares with an intercept on standardised columns, ridge 0.1 on the slopes. */
function fitTrend(rows, targets) {
  const width = rows[0].length;
  const mean = [];
  const scale = [];
  for (let c = 0; c < width; c += 1) {
    const column = rows.map((row) => row[c]);
    const m = column.reduce((a, x) => a + x, 0) / column.length;
    const s = Math.sqrt(column.reduce((a, x) => a + (x - m) ** 2, 0) / column.length);
    mean.push(m);
    scale.push(s > 1e-9 ? s : 0);
  }
  const x = (row) => [1, ...row.map((value, c) => (scale[c] === 0 ? 0 : (value - mean[c]) / scale[c]))];
  const d = width + 1;
  const system = Array.from({ length: d }, () => new Array(d + 1).fill(0));
  rows.forEach((row, n) => {
    const xs = x(row);
    for (let a = 0; a < d; a += 1) {
      system[a][d] += xs[a] * targets[n];
      for (let b = 0; b < d; b += 1) system[a][b] += xs[a] * xs[b];
    }
  });
  for (let a = 1; a < d; a += 1) system[a][a] += 0.1;
  for (let c = 0; c < d; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < d; r += 1) if (Math.abs(system[r][c]) > Math.abs(system[pivot][c])) pivot = r;
    [system[c], system[pivot]] = [system[pivot], system[c]];
    for (let r = 0; r < d; r += 1) {
      if (r === c) continue;
      const factor = system[r][c] / system[c][c];
      for (let cc = c; cc <= d; cc += 1) system[r][cc] -= factor * system[c][cc];
    }
  }
  const weights = system.map((row, i) => row[d] / row[i]);
  return (row) => x(row).reduce((sum, value, j) => sum + value * weights[j], 0);
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
