// How well predictors rank the good region of NB201, where the front is decided. Build first:
// `npm run build && node scripts/bench-top-tau.mjs [--problem nb201/cifar10/pixel3] [--repeats 3]`.
// For training sets of 30, 60 and 120 random cells it fits each model on the error (rank targets, one-hot
// features, optionally with all pairwise products of one-hot columns or with path features, or the problem's own
// cell features), predicts 3,000 other random cells and
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
// Path encoding of the cell (as in BANANAS): one indicator per sequence of operations along each of the four
// input-to-output paths (edges e3; e0,e4; e1,e5; e0,e2,e5), paths through 'none' (op 0) left out.
const PATHS = [[3], [0, 4], [1, 5], [0, 2, 5]];
const PATH_OFFSETS = [0, 4, 20, 36];
const withPaths = (features, genome) => {
  const out = new Float64Array(width + 100);
  out.set(features);
  PATHS.forEach((edges, path) => {
    if (edges.some((edge) => genome[edge] === 0)) return;
    const index = edges.reduce((code, edge) => code * 4 + (genome[edge] - 1), 0);
    out[width + PATH_OFFSETS[path] + index] = 1;
  });
  return out;
};
// 'cell': the problem's own features instead of the one-hot (NB201: the cell as written and its effective cell).
const models = [
  ['ridge-rank', ''],
  ['svr-rank', ''],
  ['gp-rank', ''],
  ['ridge-rank', 'pairs'],
  ['svr-rank', 'pairs'],
  ['svr-rank', 'paths'],
  ['gp-rank', 'paths'],
  ['ridge-rank', 'cell'],
  ['svr-rank', 'cell'],
  ['gp-rank', 'cell'],
];
const cellFeatures = (genome) => problem.features.encode(genome);
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
    const genomes = (rows) => rows.map((row) => problem.table.opIndicesOfRow(row));
    const features = (rows) => genomes(rows).map((genome) => encoder.encode(genome));
    const error = (row) => problem.rawValuesOfRow(row)[0];
    const trainX = features(train);
    const testX = features(test);
    const testY = test.map(error);
    const best = testY.map((value, index) => [value, index]).sort((a, b) => a[0] - b[0]).slice(0, Math.round(test.length / 10)).map(([, index]) => index);
    const trainG = genomes(train);
    const testG = genomes(test);
    const extend = (rows, rowGenomes, extra) =>
      extra === 'pairs'
        ? rows.map(withPairs)
        : extra === 'paths'
          ? rows.map((row, index) => withPaths(row, rowGenomes[index]))
          : extra === 'cell'
            ? rowGenomes.map(cellFeatures)
            : rows;
    for (const [name, extra] of models) {
      const model = predictorFactory(name)(createRng(repeat));
      model.fit(extend(trainX, trainG, extra), train.map(error));
      const predicted = model.predict(extend(testX, testG, extra));
      const label = `${name}${extra === '' ? '' : ` + ${extra}`}`;
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
