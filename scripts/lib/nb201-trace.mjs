// Reading the traces `carve bench --out DIR` writes for NB201 problems (DIR/traces/*.csv: k, native_id, objectives).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { archStrToGenome } from '../../dist/benchmarks/nb201/nb201-space.js';

/** The problem id and rows ({ genome, values }) of an NB201 trace; `fail` is called on a foreign or unreadable file. */
export function readNb201Trace(file, fail) {
  const match = basename(file).split('__')[0]?.match(/^nb201_(cifar100|cifar10|imagenet16_120)_(.+)$/);
  if (!match) fail(`${file}: not an NB201 trace of carve bench (nb201_<dataset>_<device>__<tactic>__seed<N>.csv)`);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail(`${file}: cannot read it`);
  }
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const cells = line.split(',');
      return { genome: archStrToGenome(cells[1]), values: cells.slice(2).map(Number) };
    });
  return { problemId: `nb201/${match[1]}/${match[2]}`, rows };
}
