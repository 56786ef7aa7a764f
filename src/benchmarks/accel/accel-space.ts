// The Accel-NASBench block space (MnasNet/EfficientNet style): 7 blocks x expansion, kernel, layers, SE.

import { createRecordCodec, createSearchSpace } from '../../space/index.js';
import type { NativeCodec, SearchSpace } from '../../space/index.js';

export const ACCEL_BLOCK_COUNT = 7;

/** Per-block gene suffixes, in gene order within a block (the CSV's column order). */
export const ACCEL_BLOCK_GENES = ['e', 'k', 'l', 'se'] as const;

/**
 * Choices as published with the benchmark's configuration space: every block has at least one layer (so no
 * gene is ever inactive) and block 5 may have up to four.
 */
const CHOICES = {
  e: [1, 4, 6],
  k: [3, 5],
  l: [1, 2, 3],
  se: [0, 1],
} as const;
const BLOCK5_LAYERS = [1, 2, 3, 4] as const;

const DESCRIPTIONS = {
  e: 'expansion ratio of the inverted-residual layers',
  k: 'depthwise kernel size',
  l: 'number of layers',
  se: 'squeeze-and-excitation (1 = on)',
} as const;

/** Gene (and CSV column) name of one block's setting, e.g. `block3_k`. */
export function accelGeneName(block: number, setting: (typeof ACCEL_BLOCK_GENES)[number]): string {
  return `block${block}_${setting}`;
}

let space: SearchSpace | undefined;

/** 28 genes `block<b>_<e|k|l|se>` for b = 0..6, no conditions: 36^6 x 48 architectures. */
export function accelSpace(): SearchSpace {
  space ??= createSearchSpace({
    name: 'accel-nasbench',
    description: 'Accel-NASBench: 7 MBConv blocks, each with expansion, kernel, layer count and squeeze-excitation',
    genes: Array.from({ length: ACCEL_BLOCK_COUNT }, (_, block) =>
      ACCEL_BLOCK_GENES.map((setting) => ({
        name: accelGeneName(block, setting),
        choices: setting === 'l' && block === 5 ? BLOCK5_LAYERS : CHOICES[setting],
        description: `block ${block}: ${DESCRIPTIONS[setting]}`,
      })),
    ).flat(),
  });
  return space;
}

let codec: NativeCodec | undefined;

/** The native config is the row's block dict, e.g. `{ block0_e: 6, block0_k: 3, block0_l: 1, block0_se: 0, … }`. */
export function accelCodec(): NativeCodec {
  codec ??= createRecordCodec(accelSpace());
  return codec;
}
