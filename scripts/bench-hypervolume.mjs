// Hypervolume and front timings on large seeded sets. Build first: `npm run build && node scripts/bench-hypervolume.mjs`.
// Optional arguments: --repeats N (default 5), --scale S (shrinks every set, e.g. 0.01 for a smoke run).

import { runHypervolumeBenchmark } from '../dist/indicators/bench.js';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? Number(process.argv[at + 1]) : fallback;
}

const floorsMs = { hv2d_1M_ms: 1000, hv3d_100k_ms: 1000 };
// Medians are compared with the floors; on a busy machine the fastest runs show the undisturbed cost.
const results = await runHypervolumeBenchmark({
  repeats: option('repeats', 5),
  scale: option('scale', 1),
  onResult: (name, value) => {
    const shown = name.endsWith('_ms') ? `${value.toFixed(1)} ms` : value.toPrecision(10);
    const floor = floorsMs[name];
    const verdict = floor === undefined ? '' : value < floor ? `  (floor ${floor} ms: ok)` : `  (floor ${floor} ms: TOO SLOW)`;
    console.log(`${name.padEnd(32)} ${shown}${verdict}`);
  },
});
const slow = Object.entries(floorsMs).filter(([name, floor]) => (results[name] ?? Infinity) >= floor);
if (option('scale', 1) === 1 && slow.length > 0) process.exitCode = 1;
