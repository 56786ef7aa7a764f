// A compact, reversible text id of an OFA MobileNetV3 sub-network, as written in benchmark traces.

import { badInput } from '../../core/errors.js';
import type { Genome } from '../../space/index.js';
import type { Supernet } from '../../supernets/index.js';

const FORMAT_HINT = 'write it as d:<5 depths>|ks:<20 kernels>|e:<20 expand ratios>|r:<resolution>, with x for blocks beyond a stage depth';
const INACTIVE = 'x';

interface MobileConfig {
  readonly ks: readonly number[];
  readonly e: readonly number[];
  readonly d: readonly number[];
  readonly r: number;
}

/**
 * `d:23243|ks:575x333x5577x333x5555|e:434x...|r:224`: one digit per stage depth and per block kernel and
 * expand ratio, `x` for blocks beyond their stage's depth (they do not exist in the network).
 */
export function ofaNativeId(supernet: Supernet, genome: Genome): string {
  const config = supernet.codec.toNative(genome) as MobileConfig;
  const blocksPerStage = config.ks.length / config.d.length;
  const active = (block: number): boolean => block % blocksPerStage < (config.d[Math.floor(block / blocksPerStage)] as number);
  const digits = (values: readonly number[]): string => values.map((value, block) => (active(block) ? String(value) : INACTIVE)).join('');
  return `d:${config.d.join('')}|ks:${digits(config.ks)}|e:${digits(config.e)}|r:${config.r}`;
}

/** The canonical genome of an id written by `ofaNativeId`; BAD_INPUT (field `nativeId`) when malformed. */
export function genomeOfOfaNativeId(supernet: Supernet, nativeId: string): Genome {
  const parts = new Map<string, string>();
  for (const part of nativeId.split('|')) {
    const colon = part.indexOf(':');
    if (colon < 1) throw badInput('nativeId', `"${nativeId}": part "${part}" has no name`, FORMAT_HINT);
    parts.set(part.slice(0, colon), part.slice(colon + 1));
  }
  const digitsOf = (name: string): number[] => {
    const text = parts.get(name);
    if (text === undefined || !/^[0-9x]+$/.test(text)) throw badInput('nativeId', `"${nativeId}" has no valid ${name} part`, FORMAT_HINT);
    // An inactive block's entry is ignored by the codec; any valid choice stands in for it.
    return [...text].map((digit) => (digit === INACTIVE ? Number.NaN : Number(digit)));
  };
  const fill = (values: number[], stand: number): number[] => values.map((value) => (Number.isNaN(value) ? stand : value));
  const resolution = Number(parts.get('r'));
  if (!Number.isInteger(resolution)) throw badInput('nativeId', `"${nativeId}" has no valid r part`, FORMAT_HINT);
  const kernelStand = supernet.space.genes.find((gene) => gene.name.startsWith('ks_'))?.choices[0] as number;
  const expandStand = supernet.space.genes.find((gene) => gene.name.startsWith('e_'))?.choices[0] as number;
  return supernet.codec.fromNative({ d: digitsOf('d'), ks: fill(digitsOf('ks'), kernelStand), e: fill(digitsOf('e'), expandStand), r: resolution });
}
