#!/usr/bin/env node
// How precisely a search must pick within groups of NB201 cells of equal latency, and how precisely models can.
// On devices whose latency is a function of the operation counts (eyeriss, fpga) every true-front point is the best
// of a group of cells with the same latency; this prints
//   1. the share of HV_true left when only each group's k-th best cell (and worse) is available, and
//   2. for the true front's groups (5 cells or more): the in-group error rank of the unseen cell each model
//      predicts best, trained on the first K validations of each trace in --traces (a run's real training set) or
//      on K random working cells per repeat (--random R): the geometric mean rank, the share of groups where it
//      is among the group's best 10, and the mean error above the group's best.
//
//   node scripts/nb201-group-picks.mjs nb201/cifar10/eyeriss --traces DIR [--k 30]
//   node scripts/nb201-group-picks.mjs nb201/cifar10/eyeriss --random 10 --k 1000

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { normalizeObjectives } from '../dist/benchmarks/problem.js';
import { createRng } from '../dist/core/rng.js';
import { hypervolume, paretoFrontIndices } from '../dist/indicators/index.js';
import { createPredictor } from '../dist/predictors/registry.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const { args, fail, flag } = scriptArgs('usage: nb201-group-picks.mjs <nb201/dataset/device> (--traces DIR | --random R) [--k 30]');
const k = Number(flag('k', '30'));
const tracesDir = flag('traces', undefined);
const repeats = flag('random', undefined);
if (args.length !== 1) fail('give one NB201 problem id');
if (!Number.isInteger(k) || k < 5) fail(`--k must be a whole number >= 5, got ${k}`);
if ((tracesDir === undefined) === (repeats === undefined)) fail('give either --traces DIR or --random R');
if (repeats !== undefined && !(Number.isInteger(Number(repeats)) && Number(repeats) >= 1)) fail(`--random must be a whole number >= 1, got ${repeats}`);

const problem = resolveProblem(args[0]);
if (problem.table === undefined) fail(`${args[0]} is not an NB201 problem`);
const encoder = problem.features;
const cells = [];
for (let row = 0; row < problem.table.rowCount; row += 1) {
  const genome = problem.table.opIndicesOfRow(row);
  if (encoder.degenerate(genome)) continue;
  const [error, latency] = problem.rawValuesOfRow(row);
  cells.push({ genome, key: problem.space.key(genome), error, latency });
}
const indexOfKey = new Map(cells.map((cell, index) => [cell.key, index]));
const groupOf = (cell) => cell.latency.toFixed(3);
const groups = new Map();
cells.forEach((cell, index) => groups.set(groupOf(cell), [...(groups.get(groupOf(cell)) ?? []), index]));
for (const members of groups.values()) members.sort((a, b) => cells[a].error - cells[b].error || a - b);

// 1. What each group's k-th best is worth.
const reference = problem.objectives.map(() => 1);
const hvOf = (indices) => hypervolume(indices.map((index) => normalizeObjectives(problem, [cells[index].error, cells[index].latency])), reference);
const frontOf = (indices) => paretoFrontIndices(indices.map((index) => [cells[index].error, cells[index].latency])).map((at) => indices[at]);
const all = cells.map((_, index) => index);
const trueFront = frontOf(all);
const hvTrue = hvOf(trueFront);
const sizes = [...groups.values()].map((members) => members.length).sort((a, b) => a - b);
console.log(`${args[0]}: ${cells.length} working cells in ${groups.size} latency groups (median size ${sizes[Math.floor(sizes.length / 2)]}); true front ${trueFront.length}`);
const shares = [2, 3, 5, 10, 20].map((rank) => {
  const left = [...groups.values()].flatMap((members) => members.slice(rank - 1));
  return `${rank}: ${(hvOf(frontOf(left)) / hvTrue).toFixed(4)}`;
});
console.log(`share of HV_true with only each group's k-th best cell or worse (k: share): ${shares.join(', ')}`);

// 2. Pick quality of models trained as a run trains them.
const frontGroups = [...new Set(trueFront.map((index) => groupOf(cells[index])))].filter((group) => groups.get(group).length >= 5);
const byIndex = new Map(frontGroups.map((group) => [group, [...groups.get(group)].sort((a, b) => a - b)]));
const features = cells.map((cell) => Float64Array.from([...encoder.encode(cell.genome), encoder.proxy(cell.genome)]));
const withoutProxy = features.map((row) => row.subarray(0, row.length - 1));
// The effective block with isomorphic cells merged: with no edge 1->2 (e2) the intermediate nodes 1 and 2 are
// interchangeable, so the paths (e0, e4) and (e1, e5) are put in a fixed order.
const EFFECTIVE_FROM = 30;
const OPS = 5;
function mergedIsomorphs(row) {
  const merged = Float64Array.from(row);
  const op = (edge) => row.subarray(EFFECTIVE_FROM + edge * OPS, EFFECTIVE_FROM + (edge + 1) * OPS).indexOf(1);
  if (op(2) !== 0) return merged;
  const [a, b] = [[op(0), op(4)], [op(1), op(5)]];
  if (a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])) return merged;
  for (const [edge, value] of [[0, b[0]], [4, b[1]], [1, a[0]], [5, a[1]]]) {
    merged.fill(0, EFFECTIVE_FROM + edge * OPS, EFFECTIVE_FROM + (edge + 1) * OPS);
    merged[EFFECTIVE_FROM + edge * OPS + value] = 1;
  }
  return merged;
}
const merged = features.map(mergedIsomorphs);
const MODELS = {
  'proxy alone': () => ({ fit() {}, predict: (rows) => Float64Array.from(rows, (row) => -row[row.length - 1]) }),
  'proxy+svr (rank)': () => createPredictor('proxy+svr', { targetTransform: 'rank' }, createRng(1)),
  'svr (rank)': () => createPredictor('svr', { targetTransform: 'rank' }, createRng(1)),
  'proxy+svr (rank), isomorphs merged': () => createPredictor('proxy+svr', { targetTransform: 'rank' }, createRng(1)),
};

const trainingSets = [];
if (tracesDir !== undefined) {
  const prefix = `${args[0].replaceAll('/', '_')}__`;
  let files;
  try {
    files = readdirSync(tracesDir).filter((file) => file.startsWith(prefix) && file.endsWith('.csv'));
  } catch {
    fail(`${tracesDir}: cannot list it (give the traces folder of carve bench --out DIR, i.e. DIR/traces)`);
  }
  if (files.length === 0) fail(`${tracesDir}: no trace of ${args[0]}`);
  for (const file of files.sort()) {
    const trace = readNb201Trace(join(tracesDir, file), fail);
    trainingSets.push(trace.rows.slice(0, k).map((row) => indexOfKey.get(problem.space.key(row.genome))).filter((index) => index !== undefined));
  }
} else {
  for (let repeat = 0; repeat < Number(repeats); repeat += 1) {
    const rng = createRng(100 + repeat);
    const chosen = new Set();
    while (chosen.size < Math.min(k, cells.length)) chosen.add(rng.int(cells.length));
    trainingSets.push([...chosen]);
  }
}

console.log(`picks in the true front's ${frontGroups.length} groups of 5+ cells, trained on ${trainingSets.length} sets of ${k}:`);
for (const [name, make] of Object.entries(MODELS)) {
  const rows = name.startsWith('svr') ? withoutProxy : name.endsWith('merged') ? merged : features;
  let logRank = 0;
  let top10 = 0;
  let regret = 0;
  for (const train of trainingSets) {
    const model = make();
    model.fit(train.map((index) => rows[index]), train.map((index) => cells[index].error));
    const predicted = model.predict(rows);
    const seen = new Set(train);
    for (const group of frontGroups) {
      const members = groups.get(group);
      // Ties (the proxy has many) go to the lowest table index, never to the better error.
      let pick = -1;
      for (const index of byIndex.get(group)) if (!seen.has(index) && (pick < 0 || predicted[index] < predicted[pick])) pick = index;
      if (pick < 0) continue;
      const rank = members.indexOf(pick) + 1;
      logRank += Math.log(rank);
      if (rank <= 10) top10 += 1;
      regret += cells[pick].error - cells[members[0]].error;
    }
  }
  const picks = trainingSets.length * frontGroups.length;
  console.log(
    `  ${name.padEnd(34)} geometric mean rank ${Math.exp(logRank / picks).toFixed(1)}, in the best 10 ${((100 * top10) / picks).toFixed(0)}%, error above the best ${(regret / picks).toFixed(2)}`,
  );
}
