// The OFA ResNet50 search space ({d, e, w, r}) and its native config codec.

import { createSearchSpace } from '../../space/search-space.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/types.js';
import { readChoice, readConfigObject, readList } from '../native-config.js';
import { readNativeResolution, type ResolutionPlan } from '../ofa-common/resolution.js';
import {
  RESNET_BASE_DEPTHS,
  RESNET_DEPTH_CHOICES,
  RESNET_EXPAND_RATIOS,
  RESNET_MAX_EXTRA_DEPTH,
  RESNET_STAGE_OFFSETS,
  RESNET_WIDTH_MULTIPLIERS,
  type OfaResNetConfig,
} from './architecture.js';

/** d[0]: 2 keeps the stem's residual conv, 0 skips it (OFA samples only these two). */
export const RESNET_STEM_DEPTH_CHOICES = [0, 2] as const;
const WIDTH_INDEX_CHOICES = RESNET_WIDTH_MULTIPLIERS.map((_, index) => index);
export const RESNET_BLOCK_COUNT = RESNET_BASE_DEPTHS.reduce((sum, base) => sum + base + RESNET_MAX_EXTRA_DEPTH, 0);

export interface OfaResNetSpace {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  read(genome: Genome): OfaResNetConfig;
}

export function createOfaResNetSpace(name: string, description: string, resolution: ResolutionPlan): OfaResNetSpace {
  const genes: GeneSpec[] = [];
  const depthIndex: number[] = [];
  const widthIndex: number[] = [];
  const expandIndex = new Array<number>(RESNET_BLOCK_COUNT);
  depthIndex.push(genes.length);
  genes.push({ name: 'd_0', choices: RESNET_STEM_DEPTH_CHOICES, description: 'stem residual conv: 2 = kept, 0 = skipped' });
  widthIndex.push(genes.length);
  genes.push({ name: 'w_0', choices: WIDTH_INDEX_CHOICES, description: 'width index of the first two stem convs (x0.65, x0.8, x1.0)' });
  widthIndex.push(genes.length);
  genes.push({ name: 'w_1', choices: WIDTH_INDEX_CHOICES, description: 'width index of the last stem conv (x0.65, x0.8, x1.0)' });
  RESNET_BASE_DEPTHS.forEach((base, stage) => {
    const depthGene = `d_${stage + 1}`;
    depthIndex.push(genes.length);
    genes.push({ name: depthGene, choices: RESNET_DEPTH_CHOICES, description: `blocks added to the ${base} of stage ${stage + 1}` });
    widthIndex.push(genes.length);
    genes.push({ name: `w_${stage + 2}`, choices: WIDTH_INDEX_CHOICES, description: `width index of stage ${stage + 1} (x0.65, x0.8, x1.0)` });
    for (let slot = 0; slot < base + RESNET_MAX_EXTRA_DEPTH; slot += 1) {
      const block = (RESNET_STAGE_OFFSETS[stage] as number) + slot;
      const extra = slot - base; // blocks past the base exist only when the stage adds enough
      const allowed = RESNET_DEPTH_CHOICES.filter((depth) => depth > extra);
      expandIndex[block] = genes.length;
      genes.push({
        name: `e_${block}`,
        choices: RESNET_EXPAND_RATIOS,
        description: `bottleneck expand ratio of block ${block}`,
        ...(extra >= 0 ? { activeWhen: [{ gene: depthGene, in: allowed }] } : {}),
      });
    }
  });
  const resolutionIndex = resolution.gene === undefined ? -1 : genes.length;
  if (resolution.gene !== undefined) genes.push(resolution.gene);
  const space = createSearchSpace({ name, description, genes });

  const isActive = (block: number, depths: readonly number[]): boolean => {
    const stage = RESNET_STAGE_OFFSETS.findLastIndex((offset) => offset <= block);
    return block - (RESNET_STAGE_OFFSETS[stage] as number) < (RESNET_BASE_DEPTHS[stage] as number) + (depths[stage + 1] as number);
  };

  const read = (genome: Genome): OfaResNetConfig => {
    space.validate(genome);
    const d = depthIndex.map((gene, index) => (index === 0 ? RESNET_STEM_DEPTH_CHOICES : RESNET_DEPTH_CHOICES)[genome[gene] as number] as number);
    const w = widthIndex.map((gene) => genome[gene] as number);
    const e = expandIndex.map((gene, block) => (isActive(block, d) ? (RESNET_EXPAND_RATIOS[genome[gene] as number] as number) : RESNET_EXPAND_RATIOS[0]));
    const r = resolutionIndex < 0 ? resolution.defaultResolution : (resolution.resolutions[genome[resolutionIndex] as number] as number);
    return { d, e, w, r };
  };

  const fromNative = (config: unknown): Genome => {
    const object = readConfigObject(config, 'config', '{"d": [2, 2, 2, 2, 2], "e": [0.35, ...], "w": [2, 2, 2, 2, 2, 2], "r": 224}');
    const depths = readList(object, 'd', depthIndex.length).map((value, index) =>
      readChoice(value, index === 0 ? RESNET_STEM_DEPTH_CHOICES : RESNET_DEPTH_CHOICES, `config.d[${index}]`),
    );
    const widths = readList(object, 'w', widthIndex.length).map((value, index) => readChoice(value, WIDTH_INDEX_CHOICES, `config.w[${index}]`));
    const expands = readList(object, 'e', RESNET_BLOCK_COUNT);
    const genome = new Array<number>(space.geneCount).fill(0);
    depthIndex.forEach((gene, index) => {
      genome[gene] = (index === 0 ? (RESNET_STEM_DEPTH_CHOICES as readonly number[]) : RESNET_DEPTH_CHOICES).indexOf(depths[index] as number);
    });
    widthIndex.forEach((gene, index) => {
      genome[gene] = widths[index] as number;
    });
    expandIndex.forEach((gene, block) => {
      if (isActive(block, depths)) genome[gene] = (RESNET_EXPAND_RATIOS as readonly number[]).indexOf(readChoice(expands[block], RESNET_EXPAND_RATIOS, `config.e[${block}]`));
    });
    const r = readNativeResolution(object, resolution);
    if (resolutionIndex >= 0) genome[resolutionIndex] = resolution.resolutions.indexOf(r);
    return space.canonicalize(genome);
  };

  return { space, codec: { toNative: (genome: Genome): OfaResNetConfig => read(space.canonicalize(genome)), fromNative }, read };
}
