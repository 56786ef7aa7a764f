#!/usr/bin/env node
// Every NB201 problem id (each dataset x each latency column of the table), comma-separated, for
// `carve bench --problem`. Reads the table from CARVE_DATA.
//
//   node scripts/nb201-problems.mjs [--datasets cifar10,cifar100,imagenet16_120]

import { loadNb201TableFromDataDir } from '../dist/benchmarks/nb201/nb201-table.js';
import { scriptArgs } from './lib/cli.mjs';

const { fail, flag } = scriptArgs('usage: nb201-problems.mjs [--datasets cifar10,cifar100,imagenet16_120]');
let table;
try {
  table = loadNb201TableFromDataDir();
} catch (error) {
  fail(error.message);
}
const datasets = flag('datasets', table.datasets.join(',')).split(',');
for (const dataset of datasets) if (!table.datasets.includes(dataset)) fail(`--datasets: unknown dataset "${dataset}" (known: ${table.datasets.join(', ')})`);
console.log(datasets.flatMap((dataset) => table.devices.map((device) => `nb201/${dataset}/${device}`)).join(','));
