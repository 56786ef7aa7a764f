// How well predictors rank the good region of NB201, where the front is decided. Build first:
// `npm run build && node scripts/bench-top-tau.mjs [--problem nb201/cifar10/pixel3] [--repeats 3]`.
// For training sets of 30, 60 and 120 random cells it fits each model on the error (rank targets, one-hot
// features, optionally with all pairwise products of one-hot columns), predicts 3,000 other random cells and
// prints the mean Kendall tau over all of them and over the best 10% of them by true error.

import { createRng } from '../dist/core/rng.js';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { createEncoder } from '../dist/space/index.js';
import { kendallTau, predictorFactory } from '../dist/predictors/index.js';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
};
const problem = resolveProblem(argument('problem', 'nb201/cifar10/pixel3'), {});
const repeats = Number(argument('repeats', '3'));
const encoder = createEncoder(problem.space, 'one-hot');
const width = encoder.encode(problem.table.opIndicesOfRow(0)).length;
const withPairs = (features) => {
  const out = new Float64Array(width + (width * (width - 1)) / 2);
  out.set(features);
  let at = width;
  for (let i = 0; i < width; i += 1) for (let j = i + 1; j < width; j += 1) out[at++] = features[i] * features[j];
  return out;
};
const models = [['ridge-rank', false], ['svr-rank', false], ['gp-rank', false], ['ridge-rank', true], ['svr-rank', true]];
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

console.log(`${problem.id}: error of ${problem.table.rowCount} cells, ${repeats} repeats per size`);
for (const size of [30, 60, 120]) {
  const figures = new Map();
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const rng = createRng(1000 * size + repeat);
    const order = Array.from({ length: problem.table.rowCount }, (_, row) => row);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const train = order.slice(0, size);
    const test = order.slice(size, size + 3000);
    const features = (rows) => rows.map((row) => encoder.encode(problem.table.opIndicesOfRow(row)));
    const error = (row) => problem.rawValuesOfRow(row)[0];
    const trainX = features(train);
    const testX = features(test);
    const testY = test.map(error);
    const best = testY.map((value, index) => [value, index]).sort((a, b) => a[0] - b[0]).slice(0, Math.round(test.length / 10)).map(([, index]) => index);
    for (const [name, pairs] of models) {
      const model = predictorFactory(name)(createRng(repeat));
      model.fit(pairs ? trainX.map(withPairs) : trainX, train.map(error));
      const predicted = model.predict(pairs ? testX.map(withPairs) : testX);
      const label = `${name}${pairs ? ' + pairs' : ''}`;
      const entry = figures.get(label) ?? { all: [], top: [] };
      entry.all.push(kendallTau(predicted, testY));
      entry.top.push(kendallTau(best.map((index) => predicted[index]), best.map((index) => testY[index])));
      figures.set(label, entry);
    }
  }
  for (const [label, entry] of figures) {
    console.log(`train ${String(size).padStart(3)}  ${label.padEnd(18)} tau all ${mean(entry.all).toFixed(3)}  tau best 10% ${mean(entry.top).toFixed(3)}`);
  }
}
