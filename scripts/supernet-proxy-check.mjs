#!/usr/bin/env node
// The super-network proxy (ln of the exact parameter count, `supernetFeatures`): how long it takes per
// sub-network for each built-in super-network, and, with --fashion N, its Kendall tau with the held-out accuracy
// of N random fashion-ofa sub-networks measured by carve's own evaluator (ONNX Runtime on Fashion-MNIST).
//
//   node scripts/supernet-proxy-check.mjs [--fashion 80] [--seed 11]

import { createRng } from '../dist/core/rng.js';
import { kendallTau } from '../dist/predictors/index.js';
import { getSupernet, listSupernets, supernetFeatures } from '../dist/supernets/index.js';
import { FashionOfaAccuracyEvaluator } from '../dist/supernets/fashion-ofa/index.js';
import { scriptArgs } from './lib/cli.mjs';

const { args, fail, flag } = scriptArgs('usage: supernet-proxy-check.mjs [--fashion 80] [--seed 11]');
const fashion = Number(flag('fashion', '0'));
const seed = Number(flag('seed', '11'));
if (!Number.isInteger(fashion) || fashion < 0 || fashion === 1) fail(`--fashion must be 0 or a whole number >= 2, got ${fashion}`);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got ${seed}`);
if (args.length > 0) fail(`unexpected arguments: ${args.join(' ')}`);

for (const { id } of listSupernets()) {
  const supernet = getSupernet(id);
  const proxy = supernetFeatures(supernet).proxy;
  const rng = createRng(seed);
  const genomes = Array.from({ length: 2000 }, () => supernet.space.sample(rng));
  const start = performance.now();
  for (const genome of genomes) proxy(genome);
  console.log(`${id.padEnd(20)} ${(((performance.now() - start) / genomes.length) * 1000).toFixed(1)} us per sub-network (2,000 random)`);
}

if (fashion > 0) {
  const supernet = getSupernet('fashion-ofa');
  const proxy = supernetFeatures(supernet).proxy;
  const rng = createRng(seed);
  const candidates = new Map();
  while (candidates.size < fashion) {
    const genome = supernet.space.sample(rng);
    candidates.set(supernet.space.key(genome), genome);
  }
  const evaluator = new FashionOfaAccuracyEvaluator();
  const batch = [...candidates].map(([key, genome]) => ({ key, genome, config: supernet.codec.toNative(genome) }));
  const results = await evaluator.evaluate(batch);
  await evaluator.close?.();
  const accuracy = results.map((result) => result.values.accuracy);
  const tau = kendallTau(batch.map((candidate) => proxy(candidate.genome)), accuracy);
  console.log(`fashion-ofa: Kendall tau ${tau.toFixed(3)} between the proxy and the held-out accuracy of ${fashion} random sub-networks`);
}
