// The NB201 search space (one gene per cell edge) and its native config, the arch_str cell string.

import { createSearchSpace } from '../../space/index.js';
import type { Genome, NativeCodec, SearchSpace } from '../../space/index.js';
import { NB201_EDGE_NAMES, NB201_OPS, archStrToOpIndices, opIndicesToArchStr } from './nb201-arch.js';

const EDGE_DESCRIPTIONS = [
  'node 1 from node 0',
  'node 2 from node 0',
  'node 2 from node 1',
  'node 3 from node 0',
  'node 3 from node 1',
  'node 3 from node 2',
] as const;

let space: SearchSpace | undefined;

/**
 * The 5^6 NB201 cells: genes e0..e5 in arch_str order `|e0|+|e1|e2|+|e3|e4|e5|`, no conditions.
 * Cells with no path from input to output are distinct rows of the benchmark, so they are not merged.
 */
export function nb201Space(): SearchSpace {
  space ??= createSearchSpace({
    name: 'nb201',
    description: 'NAS-Bench-201 cell: one operation per edge of a 4-node cell',
    genes: NB201_EDGE_NAMES.map((name, edge) => ({
      name,
      choices: NB201_OPS,
      description: EDGE_DESCRIPTIONS[edge] as string,
    })),
  });
  return space;
}

/** Genome of an arch_str; BAD_INPUT (field `arch_str`) naming a bad op or a malformed string. */
export function archStrToGenome(archStr: unknown): Genome {
  return archStrToOpIndices(archStr);
}

/** arch_str of a genome; BAD_INPUT naming the gene when the genome is not one of the space. */
export function genomeToArchStr(genome: Genome): string {
  nb201Space().validate(genome);
  return opIndicesToArchStr(genome);
}

/** NB201's native config is the arch_str string itself. */
export const nb201Codec: NativeCodec = {
  toNative: (genome: Genome): string => genomeToArchStr(genome),
  fromNative: (config: unknown): Genome => archStrToGenome(config),
};
