// What carve's models knew at some point of a benchmark run, from the run's trace (an NB201 problem). Build first.
//
//   node scripts/trace-models.mjs residuals <trace.csv> <k> [--options '<tactic options JSON>']
//     Refits the default tactic's models on the run's first k validations, predicts every cell and prints, for the
//     cells under --good (default 15) % error, the median residual (predicted - true) of each objective by the
//     number of genes between a cell and its nearest validated one, then the batch the tactic would propose.
//   node scripts/trace-models.mjs region-tau <k> <trace.csv>... [--good 12] [--models '[["svr-rank"],["gp-rank"]]']
//     Fits each model (name, options) on the space's features of each run's first k validations and prints the
//     Kendall tau of its error predictions over the unseen cells under --good % error, per run and on average.
//   node scripts/trace-models.mjs proxy-tau <problem> <k> [--good 12] [--repeats 12]
//     Fits models on k random working cells of an NB201 problem (repeats times) and prints the mean Kendall tau of
//     their error predictions over the unseen cells under --good % error: the default's rank models on the space's
//     features, the zero-cost proxy alone, and the proxy+svr models (trend on the proxy, SVR on the features).
//
// Traces are the CSV files `carve bench --out DIR` writes to DIR/traces (k, native_id, then the objectives).

import { basename } from 'node:path';
import { resolveProblem } from '../dist/benchmarks/registry.js';
import { CARVE_DEFAULTS, LinasTactic } from '../dist/tactics/linas.js';
import { createRng } from '../dist/core/rng.js';
import { enumerateGenomes } from '../dist/space/index.js';
import { kendallTau, predictorFactory } from '../dist/predictors/index.js';
import { scriptArgs } from './lib/cli.mjs';
import { readNb201Trace } from './lib/nb201-trace.mjs';

const USAGE =
  "usage: trace-models.mjs residuals <trace.csv> <k> [--options JSON] [--good 15]\n       trace-models.mjs region-tau <k> <trace.csv>... [--models JSON] [--good 12]\n       trace-models.mjs proxy-tau <nb201 problem> <k> [--good 12] [--repeats 12]";

const { args, fail, flag } = scriptArgs(USAGE);
const parseJson = (name, text) => {
  try {
    return JSON.parse(text);
  } catch {
    return fail(`--${name} is not JSON: ${text}`);
  }
};

const readTrace = (file) => readNb201Trace(file, fail);

const problems = new Map();
/** The problem, every cell of its space with features and true objective values (computed once per problem). */
async function problemCells(id) {
  if (!problems.has(id)) {
    const problem = resolveProblem(id);
    const space = problem.space;
    const genomes = [...enumerateGenomes(space)];
    const keys = genomes.map((genome) => space.key(genome));
    const results = await problem.createEvaluator().evaluate(genomes.map((genome, index) => ({ genome, key: keys[index], config: null })));
    const truth = results.map((result) => problem.objectives.map((objective) => result.values[objective.name]));
    problems.set(id, { problem, genomes, keys, truth });
  }
  return problems.get(id);
}

const differingGenes = (a, b) => a.reduce((count, choice, gene) => count + (choice === b[gene] ? 0 : 1), 0);
const quantile = (sorted, p) => (sorted.length === 0 ? NaN : sorted[Math.floor(p * (sorted.length - 1))]);
const countOf = (text, name) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 2) fail(`${name} must be a whole number of validations >= 2, got ${text}`);
  return value;
};

async function residuals() {
  const options = parseJson('options', flag('options', '{}'));
  const good = Number(flag('good', '15'));
  const [file, kText] = args.slice(1);
  if (file === undefined || kText === undefined) fail('residuals needs a trace and k');
  const k = countOf(kText, 'k');
  const { problemId, rows } = readTrace(file);
  if (rows.length < k) fail(`${file} has ${rows.length} rows, fewer than k = ${k}`);
  const { problem, genomes, truth } = await problemCells(problemId);
  const space = problem.space;
  const context = { space, objectives: problem.objectives, rng: createRng(1), populationSize: 50, options, features: problem.features };
  if (problem.costFeatures !== undefined) context.costFeatures = problem.costFeatures;
  const tactic = new LinasTactic(context, 'carve', CARVE_DEFAULTS);
  const validated = rows.slice(0, k);
  // The first proposal is the random design; the observations below stand in for it.
  tactic.propose({ plannedEvaluations: 500, evaluationsSoFar: 0 });
  tactic.observe(validated.map((row) => ({ genome: row.genome, key: space.key(row.genome), values: row.values, objectives: row.values, violation: 0 })));
  const { batch, predicted } = proposeAndPredict(tactic, genomes, k);
  const described = tactic.describeLastProposal();
  console.log(`${basename(file)} k=${k}: models ${described.models.map((model) => `${model.objective} ${model.model} (CV tau ${model.cvKendallTau?.toFixed(3)})`).join(', ')}`);
  const distance = genomes.map((genome) => Math.min(...validated.map((row) => differingGenes(genome, row.genome))));
  for (let d = 1; d <= 3; d += 1) {
    const cells = genomes.map((_, index) => index).filter((index) => distance[index] === d && truth[index][0] < good);
    const line = problem.objectives.map((objective, at) => {
      const sorted = cells.map((index) => predicted[index][at] - truth[index][at]).sort((a, b) => a - b);
      return `${objective.name} median ${quantile(sorted, 0.5).toFixed(2)} (q25 ${quantile(sorted, 0.25).toFixed(2)}, q75 ${quantile(sorted, 0.75).toFixed(2)})`;
    });
    console.log(`  ${d} gene(s) away, ${cells.length} cells under ${good}%: ${line.join('; ')}`);
  }
  const describe = (genome) => {
    const index = genomes.findIndex((other) => differingGenes(other, genome) === 0);
    return `${distance[index]}: ${truth[index].map((value) => value.toFixed(2)).join('/')}`;
  };
  console.log(`  proposed batch (genes away: true values): ${batch.map(describe).join(' | ')}`);
}

/** The tactic's next batch and its models' predictions (minimisation form) of every genome, from that proposal. */
function proposeAndPredict(tactic, genomes, k) {
  let predicted;
  const original = tactic.enumeratedPicks.bind(tactic);
  tactic.enumeratedPicks = (everything, estimate, ...rest) => {
    predicted = estimate(everything.genomes, everything.keys, everything.features);
    return original(everything, estimate, ...rest);
  };
  const batch = tactic.propose({ plannedEvaluations: 500, evaluationsSoFar: k });
  tactic.enumeratedPicks = original;
  if (predicted === undefined || predicted.length !== genomes.length) fail('the tactic did not predict the whole space (is enumerateLimit 0?)');
  return { batch, predicted };
}

async function regionTau() {
  const specs = parseJson('models', flag('models', '[["svr-rank"],["ridge-rank"],["gp-rank"]]'));
  const good = Number(flag('good', '12'));
  const [kText, ...files] = args.slice(1);
  if (kText === undefined || files.length === 0) fail('region-tau needs k and at least one trace');
  const k = countOf(kText, 'k');
  const sums = specs.map(() => 0);
  for (const file of files) {
    const { problemId, rows } = readTrace(file);
    if (rows.length < k) fail(`${file} has ${rows.length} rows, fewer than k = ${k}`);
    const { problem, genomes, keys, truth } = await problemCells(problemId);
    const seen = new Set(rows.slice(0, k).map((row) => problem.space.key(row.genome)));
    const features = rows.slice(0, k).map((row) => problem.features.encode(row.genome));
    const targets = rows.slice(0, k).map((row) => row.values[0]);
    const region = genomes.map((_, index) => index).filter((index) => truth[index][0] < good && !seen.has(keys[index]));
    const regionFeatures = region.map((index) => problem.features.encode(genomes[index]));
    const taus = specs.map(([name, options], at) => {
      const model = predictorFactory(name, options)(createRng(1));
      model.fit(features, targets);
      const tau = kendallTau(Array.from(model.predict(regionFeatures)), region.map((index) => truth[index][0]));
      sums[at] += tau;
      return tau;
    });
    console.log(`${basename(file)}: ${specs.map((spec, at) => `${JSON.stringify(spec)} ${taus[at].toFixed(3)}`).join(' | ')}`);
  }
  console.log(`mean tau over ${files.length} runs (first ${k} validations, unseen cells under ${good}%):`);
  specs.forEach((spec, at) => console.log(`  ${JSON.stringify(spec)} ${(sums[at] / files.length).toFixed(3)}`));
}

async function proxyTau() {
  const good = Number(flag('good', '12'));
  const repeats = countOf(flag('repeats', '12'), '--repeats');
  const [id, kText] = args.slice(1);
  if (id === undefined || kText === undefined) fail('proxy-tau needs a problem and k');
  const k = countOf(kText, 'k');
  let cells;
  try {
    cells = await problemCells(id);
  } catch (error) {
    fail(`${id}: ${error.message}`);
  }
  const { problem, genomes, truth } = cells;
  const encoder = problem.features;
  if (encoder.proxy === undefined) fail(`${id} offers no zero-cost proxy`);
  const working = genomes.map((_, index) => index).filter((index) => !encoder.degenerate?.(genomes[index]));
  if (working.length < k + 10) fail(`k = ${k} leaves too few unseen cells`);
  const plain = genomes.map((genome) => encoder.encode(genome));
  const proxy = genomes.map((genome) => encoder.proxy(genome));
  const withProxy = plain.map((row, index) => Float64Array.from([...row, proxy[index]]));
  const specs = [
    ['svr-rank', plain],
    ['ridge-rank', plain],
    ['proxy+svr', withProxy],
    ['proxy+svr-rank', withProxy],
  ];
  const sums = new Map([['proxy alone', 0], ...specs.map(([name]) => [name, 0])]);
  const rng = createRng(100);
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const pool = [...working];
    const train = [];
    while (train.length < k) train.push(pool.splice(rng.int(pool.length), 1)[0]);
    const seen = new Set(train);
    const region = working.filter((index) => truth[index][0] < good && !seen.has(index));
    const regionTruth = region.map((index) => truth[index][0]);
    sums.set('proxy alone', sums.get('proxy alone') + kendallTau(region.map((index) => -proxy[index]), regionTruth) / repeats);
    for (const [name, features] of specs) {
      const model = predictorFactory(name)(createRng(repeat + 1));
      model.fit(train.map((index) => features[index]), train.map((index) => truth[index][0]));
      const predicted = Array.from(model.predict(region.map((index) => features[index])));
      sums.set(name, sums.get(name) + kendallTau(predicted, regionTruth) / repeats);
    }
  }
  console.log(`${id}: mean Kendall tau over ${repeats} sets of ${k} random working cells, unseen cells under ${good}% error`);
  for (const [name, tau] of sums) console.log(`  ${name.padEnd(16)} ${tau.toFixed(3)}`);
}

const command = args[0];
if (command === 'residuals') await residuals();
else if (command === 'region-tau') await regionTau();
else if (command === 'proxy-tau') await proxyTau();
else fail(`unknown command ${JSON.stringify(command)}`);
