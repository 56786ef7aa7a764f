// The fashion-ofa search space (depth per stage, kernel and expand ratio per block) and its {ks, e, d} codec.

import { badInput } from '../../core/errors.js';
import { createSearchSpace } from '../../space/search-space.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/types.js';
import { describeValue, readChoice, readConfigObject, readList } from '../native-config.js';
import {
  BLOCK_COUNT,
  DEPTH_CHOICES,
  EXPAND_CHOICES,
  FASHION_OFA_IMAGE_SIZE,
  KERNEL_CHOICES,
  MAX_DEPTH,
  STAGES,
  type FashionOfaConfig,
} from './architecture.js';

export const FASHION_OFA_ID = 'fashion-ofa';
const CONFIG_EXAMPLE = '{"ks": [9 kernel sizes], "e": [9 expand ratios], "d": [3 depths]}';

export interface FashionOfaSpace {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  /** The config of a genome (validated); entries of blocks beyond a stage's depth hold the smallest choices. */
  read(genome: Genome): FashionOfaConfig;
}

function isActiveSlot(depths: readonly number[], block: number): boolean {
  return block % MAX_DEPTH < (depths[Math.floor(block / MAX_DEPTH)] as number);
}

export function createFashionOfaSpace(): FashionOfaSpace {
  const genes: GeneSpec[] = [];
  const depthGene: number[] = [];
  const kernelGene: number[] = [];
  const expandGene: number[] = [];
  STAGES.forEach((_, stage) => {
    depthGene.push(genes.length);
    genes.push({ name: `d_${stage}`, choices: DEPTH_CHOICES, description: `number of blocks in stage ${stage + 1}` });
    for (let slot = 0; slot < MAX_DEPTH; slot += 1) {
      const block = stage * MAX_DEPTH + slot;
      // Block `slot` exists only when the stage is deeper than `slot`; otherwise its genes are canonicalised away.
      const deeper = DEPTH_CHOICES.filter((depth) => depth > slot);
      const activeWhen = deeper.length === DEPTH_CHOICES.length ? undefined : [{ gene: `d_${stage}`, in: deeper }];
      kernelGene.push(genes.length);
      genes.push({ name: `ks_${block}`, choices: KERNEL_CHOICES, description: `depthwise kernel size of block ${block}`, ...(activeWhen ? { activeWhen } : {}) });
      expandGene.push(genes.length);
      genes.push({ name: `e_${block}`, choices: EXPAND_CHOICES, description: `expand ratio of block ${block}`, ...(activeWhen ? { activeWhen } : {}) });
    }
  });
  const space = createSearchSpace({
    name: FASHION_OFA_ID,
    description: 'Once-for-All-style inverted-residual network trained on Fashion-MNIST (28x28 grayscale, 10 classes)',
    genes,
  });

  const read = (genome: Genome): FashionOfaConfig => {
    space.validate(genome);
    const d = depthGene.map((gene) => DEPTH_CHOICES[genome[gene] as number] as number);
    const ks: number[] = [];
    const e: number[] = [];
    for (let block = 0; block < BLOCK_COUNT; block += 1) {
      const active = isActiveSlot(d, block);
      ks.push(active ? (KERNEL_CHOICES[genome[kernelGene[block] as number] as number] as number) : (KERNEL_CHOICES[0] as number));
      e.push(active ? (EXPAND_CHOICES[genome[expandGene[block] as number] as number] as number) : (EXPAND_CHOICES[0] as number));
    }
    return { ks, e, d };
  };

  const fromNative = (config: unknown): Genome => {
    const object = readConfigObject(config, 'config', CONFIG_EXAMPLE);
    const resolution = object['r'] ?? object['image_size'];
    if (resolution !== undefined && resolution !== FASHION_OFA_IMAGE_SIZE && !(Array.isArray(resolution) && resolution.length === 1 && resolution[0] === FASHION_OFA_IMAGE_SIZE)) {
      throw badInput('config.r', `${describeValue(resolution)} is not the input size of ${FASHION_OFA_ID}`, `leave r out or give ${FASHION_OFA_IMAGE_SIZE}`);
    }
    const depths = readList(object, 'd', STAGES.length).map((value, stage) => readChoice(value, DEPTH_CHOICES, `config.d[${stage}]`));
    const kernels = readList(object, 'ks', BLOCK_COUNT);
    const expands = readList(object, 'e', BLOCK_COUNT);
    const genome = new Array<number>(space.geneCount).fill(0);
    depthGene.forEach((gene, stage) => {
      genome[gene] = DEPTH_CHOICES.indexOf(depths[stage] as number);
    });
    for (let block = 0; block < BLOCK_COUNT; block += 1) {
      if (!isActiveSlot(depths, block)) continue; // entries of absent blocks are ignored, as OFA does
      genome[kernelGene[block] as number] = KERNEL_CHOICES.indexOf(readChoice(kernels[block], KERNEL_CHOICES, `config.ks[${block}]`));
      genome[expandGene[block] as number] = EXPAND_CHOICES.indexOf(readChoice(expands[block], EXPAND_CHOICES, `config.e[${block}]`));
    }
    return space.canonicalize(genome);
  };

  const codec: NativeCodec = {
    toNative: (genome: Genome): FashionOfaConfig => read(space.canonicalize(genome)),
    fromNative,
  };
  return { space, codec, read };
}
