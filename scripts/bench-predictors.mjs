// Predictor timings and real-data rank quality. Build first: `npm run build && node scripts/bench-predictors.mjs`.
// Optional arguments: --repeats N (default 3; medians are reported), --skip-nb201 (timings only).
//
// Prints three tables:
//  1. fit / predict time per model on 1,000 one-hot rows x 150 columns (GP also at 250 and 500 rows);
//  2. cross-validated model selection over defaultPredictorCandidates() on 200 rows x 60 columns;
//  3. NAS-Bench-201 (cifar10 error, pixel3 latency): held-out Kendall tau of each model trained on 100 random cells,
//     tested on 2,000 others, with standardised and with rank targets, and what CV selection picks.
// CPU time is shown beside wall time: on a busy machine the CPU time of this process is the steadier figure.

import { createRng } from '../dist/core/rng.js';
import { createNb201Problem, loadNb201TableFromDataDir, resolveDataDir } from '../dist/benchmarks/index.js';
import { createEncoder, encodeMany } from '../dist/space/index.js';
import { defaultPredictorCandidates, kendallTau, predictorFactory, selectPredictor } from '../dist/predictors/index.js';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? Number(process.argv[at + 1]) : fallback;
}
const repeats = option('repeats', 3);
const skipNb201 = process.argv.includes('--skip-nb201');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall and CPU milliseconds of one call, plus its result. */
function timed(work) {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const result = work();
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** One-hot genomes (genes x 5 choices) with an additive effect per choice plus two pairwise interactions. */
function syntheticOneHot(seed, rows, genes) {
  const rng = createRng(seed);
  const width = genes * 5;
  const weights = Array.from({ length: width }, () => rng.next() - 0.5);
  const features = [];
  const targets = [];
  for (let row = 0; row < rows; row += 1) {
    const genome = new Float64Array(width);
    for (let gene = 0; gene < genes; gene += 1) genome[gene * 5 + rng.int(5)] = 1;
    let value = 0;
    for (let column = 0; column < width; column += 1) value += genome[column] * weights[column];
    value += genome[0] * genome[7] - 0.7 * genome[11] * genome[14] + 0.05 * (rng.next() - 0.5);
    features.push(genome);
    targets.push(value);
  }
  return { features, targets };
}

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;

function timeModel(label, name, options, data) {
  const fits = [];
  const predicts = [];
  let trainTau = Number.NaN;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const predictor = predictorFactory(name, options)(createRng(repeat + 1));
    fits.push(timed(() => predictor.fit(data.features, data.targets)));
    const prediction = timed(() => predictor.predict(data.features));
    predicts.push(prediction);
    trainTau = kendallTau(prediction.result, data.targets);
  }
  console.log(
    `${label.padEnd(26)} fit ${fmt(median(fits.map((run) => run.wallMs)))} (cpu ${fmt(median(fits.map((run) => run.cpuMs)))})` +
      `   predict ${fmt(median(predicts.map((run) => run.wallMs)))} (cpu ${fmt(median(predicts.map((run) => run.cpuMs)))})` +
      `   train tau ${trainTau.toFixed(3)}`,
  );
}

console.log(`# 1. Fit and predict time (median of ${repeats}), one-hot rows, predicting the training rows`);
const large = syntheticOneHot(1, 1000, 30);
for (const name of ['ridge', 'gbdt', 'mlp', 'svr', 'gp']) timeModel(`${name} 1000x150`, name, undefined, large);
for (const rows of [250, 500]) {
  const data = syntheticOneHot(2, rows, 30);
  timeModel(`gp ${rows}x150`, 'gp', undefined, data);
}
timeModel('bagged ridge x8 1000x150', 'bagged', { base: 'ridge', members: 8 }, large);

console.log(`\n# 2. CV model selection (5 folds) over defaultPredictorCandidates(), 200 rows x 60 columns (median of ${repeats})`);
const medium = syntheticOneHot(3, 200, 12);
const selections = [];
for (let repeat = 0; repeat < repeats; repeat += 1) {
  selections.push(timed(() => selectPredictor(defaultPredictorCandidates(), medium.features, medium.targets, { rng: createRng(repeat + 1) })));
}
const lastSelection = selections[selections.length - 1].result;
console.log(`total ${fmt(median(selections.map((run) => run.wallMs)))} (cpu ${fmt(median(selections.map((run) => run.cpuMs)))}), chose ${lastSelection.name}`);
for (const score of lastSelection.perCandidate) {
  console.log(`  ${score.name.padEnd(12)} cv tau ${score.tau.toFixed(3)}  cv rmse ${score.rmse.toFixed(4)}  ${fmt(score.fitMs)}${score.error ? `  FAILED: ${score.error}` : ''}`);
}

if (!skipNb201) {
  console.log('\n# 3. NAS-Bench-201: train on 100 random cells, Kendall tau on 2,000 others (one-hot features)');
  const problem = createNb201Problem(loadNb201TableFromDataDir(resolveDataDir()), 'cifar10', 'pixel3');
  const encoder = createEncoder(problem.space, 'one-hot');
  const seeds = [2024, 1, 2];
  const models = ['ridge', 'svr', 'gbdt', 'gp', 'mlp'];
  const objectives = [
    { label: 'cifar10 error', index: 0 },
    { label: 'pixel3 latency', index: 1 },
  ];
  const table = {};
  const chosen = {};
  for (const seed of seeds) {
    const rows = Array.from({ length: problem.table.rowCount }, (_, row) => row);
    const rng = createRng(seed);
    for (let index = rows.length - 1; index > 0; index -= 1) {
      const pick = rng.int(index + 1);
      [rows[index], rows[pick]] = [rows[pick], rows[index]];
    }
    const trainRows = rows.slice(0, 100);
    const testRows = rows.slice(100, 2100);
    const trainFeatures = encodeMany(encoder, trainRows.map((row) => problem.table.opIndicesOfRow(row)));
    const testFeatures = encodeMany(encoder, testRows.map((row) => problem.table.opIndicesOfRow(row)));
    for (const { label, index } of objectives) {
      const trainTargets = trainRows.map((row) => problem.rawValuesOfRow(row)[index]);
      const truth = testRows.map((row) => problem.rawValuesOfRow(row)[index]);
      for (const targetTransform of ['standardize', 'rank']) {
        for (const name of models) {
          const predictor = predictorFactory(name, { targetTransform })(createRng(seed + 7));
          predictor.fit(trainFeatures, trainTargets);
          const key = `${label}|${name}|${targetTransform}`;
          (table[key] ??= []).push(kendallTau(predictor.predict(testFeatures), truth));
        }
      }
      const selection = selectPredictor(defaultPredictorCandidates(), trainFeatures, trainTargets, { rng: createRng(seed + 11) });
      (chosen[label] ??= []).push(`${selection.name} (held-out ${kendallTau(selection.predictor.predict(testFeatures), truth).toFixed(3)})`);
    }
  }
  console.log(`seeds ${seeds.join(', ')}: mean tau [per seed]`);
  for (const { label } of objectives) {
    console.log(`${label}:`);
    for (const name of models) {
      const cells = ['standardize', 'rank'].map((targetTransform) => {
        const taus = table[`${label}|${name}|${targetTransform}`];
        const mean = taus.reduce((sum, value) => sum + value, 0) / taus.length;
        return `${targetTransform} ${mean.toFixed(3)} [${taus.map((tau) => tau.toFixed(2)).join(' ')}]`;
      });
      console.log(`  ${name.padEnd(6)} ${cells.join('   ')}`);
    }
    console.log(`  CV selection chose: ${chosen[label].join(', ')}`);
  }
}
