// The {ks, e, d, r} search space of OFA's mobile families: genes, conditions and the native config codec.

import { createSearchSpace } from '../../space/search-space.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/types.js';
import { readChoice, readConfigObject, readList } from '../native-config.js';
import { readNativeResolution, type ResolutionPlan } from './resolution.js';

export interface OfaMobileSpaceSpec {
  readonly name: string;
  readonly description: string;
  /** Stages with elastic depth (5 in OFA). */
  readonly elasticStages: number;
  /** Blocks built per elastic stage (the largest depth, 4). */
  readonly maxDepth: number;
  readonly depthChoices: readonly number[];
  readonly kernelChoices: readonly number[];
  readonly expandChoices: readonly number[];
  /** Single-block stages after the elastic ones (ProxylessNAS: 1); their kernel and expand are elastic, depth is 1. */
  readonly tailStages: number;
  readonly resolution: ResolutionPlan;
}

/** OFA's native config of a mobile sub-network: per-block kernel and expand ratio, per-stage depth, resolution. */
export interface OfaMobileConfig {
  readonly ks: number[];
  readonly e: number[];
  readonly d: number[];
  readonly r: number;
}

export interface OfaMobileSpace {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  readonly blockCount: number;
  /** The config of a genome (validated); entries of inactive blocks hold the canonical value. */
  read(genome: Genome): OfaMobileConfig;
}

export function createOfaMobileSpace(spec: OfaMobileSpaceSpec): OfaMobileSpace {
  const blockCount = spec.elasticStages * spec.maxDepth + spec.tailStages;
  const stageCount = spec.elasticStages + spec.tailStages;
  const genes: GeneSpec[] = [];
  const depthIndex: number[] = [];
  const kernelIndex: number[] = [];
  const expandIndex: number[] = [];
  for (let stage = 0; stage < spec.elasticStages; stage += 1) {
    depthIndex.push(genes.length);
    genes.push({ name: `d_${stage}`, choices: spec.depthChoices, description: `number of blocks in stage ${stage + 1}` });
    for (let slot = 0; slot < spec.maxDepth; slot += 1) {
      const block = stage * spec.maxDepth + slot;
      // Block `slot` of a stage exists only when the stage is deeper than `slot`.
      const deeper = spec.depthChoices.filter((depth) => depth > slot);
      const activeWhen = deeper.length === spec.depthChoices.length ? undefined : [{ gene: `d_${stage}`, in: deeper }];
      kernelIndex.push(genes.length);
      genes.push({ name: `ks_${block}`, choices: spec.kernelChoices, description: `kernel size of block ${block}`, ...(activeWhen ? { activeWhen } : {}) });
      expandIndex.push(genes.length);
      genes.push({ name: `e_${block}`, choices: spec.expandChoices, description: `expand ratio of block ${block}`, ...(activeWhen ? { activeWhen } : {}) });
    }
  }
  for (let tail = 0; tail < spec.tailStages; tail += 1) {
    const block = spec.elasticStages * spec.maxDepth + tail;
    kernelIndex.push(genes.length);
    genes.push({ name: `ks_${block}`, choices: spec.kernelChoices, description: `kernel size of block ${block} (single-block stage)` });
    expandIndex.push(genes.length);
    genes.push({ name: `e_${block}`, choices: spec.expandChoices, description: `expand ratio of block ${block} (single-block stage)` });
  }
  const resolutionIndex = spec.resolution.gene === undefined ? -1 : genes.length;
  if (spec.resolution.gene !== undefined) genes.push(spec.resolution.gene);
  const space = createSearchSpace({ name: spec.name, description: spec.description, genes });
  const resolutions = spec.resolution.resolutions;

  const read = (genome: Genome): OfaMobileConfig => {
    space.validate(genome);
    const choice = (values: readonly number[], gene: number): number => values[genome[gene] as number] as number;
    const depths = depthIndex.map((gene) => choice(spec.depthChoices, gene));
    const d = [...depths, ...new Array<number>(spec.tailStages).fill(1)];
    const ks: number[] = [];
    const e: number[] = [];
    for (let block = 0; block < blockCount; block += 1) {
      const stage = Math.floor(block / spec.maxDepth);
      const active = stage >= spec.elasticStages || block % spec.maxDepth < (depths[stage] as number);
      ks.push(active ? choice(spec.kernelChoices, kernelIndex[block] as number) : (spec.kernelChoices[0] as number));
      e.push(active ? choice(spec.expandChoices, expandIndex[block] as number) : (spec.expandChoices[0] as number));
    }
    const r = resolutionIndex < 0 ? spec.resolution.defaultResolution : (resolutions[genome[resolutionIndex] as number] as number);
    return { ks, e, d, r };
  };

  const fromNative = (config: unknown): Genome => {
    const object = readConfigObject(config);
    const depthList = readList(object, 'd', stageCount);
    const depths = depthList.map((value, stage) =>
      stage < spec.elasticStages ? readChoice(value, spec.depthChoices, `config.d[${stage}]`) : readChoice(value, [1], `config.d[${stage}]`),
    );
    const kernels = readList(object, 'ks', blockCount);
    const expands = readList(object, 'e', blockCount);
    const genome = new Array<number>(space.geneCount).fill(0);
    depthIndex.forEach((gene, stage) => {
      genome[gene] = spec.depthChoices.indexOf(depths[stage] as number);
    });
    for (let block = 0; block < blockCount; block += 1) {
      const stage = Math.floor(block / spec.maxDepth);
      const active = stage >= spec.elasticStages || block % spec.maxDepth < (depths[stage] as number);
      if (!active) continue; // OFA ignores entries of blocks beyond a stage's depth, and so do we
      genome[kernelIndex[block] as number] = spec.kernelChoices.indexOf(readChoice(kernels[block], spec.kernelChoices, `config.ks[${block}]`));
      genome[expandIndex[block] as number] = spec.expandChoices.indexOf(readChoice(expands[block], spec.expandChoices, `config.e[${block}]`));
    }
    if (resolutionIndex >= 0) genome[resolutionIndex] = resolutions.indexOf(readNativeResolution(object, spec.resolution));
    else readNativeResolution(object, spec.resolution);
    return space.canonicalize(genome);
  };

  const codec: NativeCodec = {
    toNative: (genome: Genome): OfaMobileConfig => read(space.canonicalize(genome)),
    fromNative,
  };
  return { space, codec, blockCount, read };
}

