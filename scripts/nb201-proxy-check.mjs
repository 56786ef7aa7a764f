// Kendall tau between carve's closed-form NB201 proxy and SynFlow computed with PyTorch (scripts/nb201-synflow.py),
// over the working cells of the CSV that script writes. Build first.
//
//   node scripts/nb201-proxy-check.mjs synflow.csv

import { readFileSync } from 'node:fs';
import { archStrToGenome } from '../dist/benchmarks/nb201/nb201-space.js';
import { isDegenerateNb201Cell, nb201SignalGain } from '../dist/benchmarks/nb201/nb201-features.js';
import { kendallTau } from '../dist/predictors/index.js';

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: nb201-proxy-check.mjs <synflow.csv from scripts/nb201-synflow.py>');
  process.exit(2);
}
const closedForm = [];
const measured = [];
for (const line of readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
  const [arch, value] = line.split(',');
  const genome = archStrToGenome(arch);
  if (isDegenerateNb201Cell(genome)) continue;
  closedForm.push(nb201SignalGain(genome));
  measured.push(Number(value));
}
console.log(`${closedForm.length} working cells: Kendall tau(closed form, PyTorch SynFlow) = ${kendallTau(closedForm, measured).toFixed(3)}`);
