// The NAS-Bench-Macro space with one canonical genome per distinct network, and its 8-digit arch strings.
//
// The benchmark's network has 3 stages of 2, 3 and 3 layers; each layer is Identity ('0'), MB3_K3 ('1') or
// MB6_K5 ('2'). A stage's first layer halves the resolution and doubles the channels, so there "Identity"
// is a 1x1 stride-2 convolution. Every other Identity is a true no-op with no parameters, so within a stage
// only the sequence of its MB layers after the first matters: `1` `0` `2` and `1` `2` `0` are one network.
// The published table agrees (equivalent strings carry identical accuracies, parameters and FLOPs). Genes
// therefore say how many MB layers a stage holds after its first layer, and which, in order:
// 3^8 = 6,561 strings become 9 x 21 x 21 = 3,969 networks.

import { badInput } from '../../core/errors.js';
import { createSearchSpace } from '../../space/index.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/index.js';

/** Layers per stage. */
export const MACRO_STAGE_LAYERS = [2, 3, 3] as const;
/** Layer count of an arch string. */
export const MACRO_LAYER_COUNT = 8;
/** Ops by arch digit. */
export const MACRO_OPS = ['identity', 'mb3_k3', 'mb6_k5'] as const;
/** Number of distinct networks. */
export const MACRO_NETWORK_COUNT = 3969;

const ARCH_HINT = "write it as 8 digits, one per layer: 0 = Identity, 1 = MB3_K3, 2 = MB6_K5 (e.g. '02012100')";

interface StageGenes {
  readonly first: number;
  readonly count: number;
  /** Gene indices of the stage's later MB layers, in order. */
  readonly blocks: readonly number[];
  /** Index of the stage's first layer in the arch string. */
  readonly offset: number;
  readonly layers: number;
}

function buildSpace(): { space: SearchSpace; stages: StageGenes[] } {
  const genes: GeneSpec[] = [];
  const stages: StageGenes[] = [];
  let offset = 0;
  MACRO_STAGE_LAYERS.forEach((layers, stage) => {
    const first = genes.length;
    genes.push({
      name: `stage${stage}_first`,
      choices: MACRO_OPS,
      description: `stage ${stage}, first layer (stride 2, channels doubled; identity = 1x1 stride-2 projection)`,
    });
    const count = genes.length;
    const counts = Array.from({ length: layers }, (_, index) => index);
    genes.push({ name: `stage${stage}_blocks`, choices: counts, description: `stage ${stage}: MB layers after the first (the rest are identities)` });
    const blocks: number[] = [];
    for (let block = 0; block < layers - 1; block += 1) {
      blocks.push(genes.length);
      genes.push({
        name: `stage${stage}_block${block}`,
        choices: MACRO_OPS.slice(1),
        activeWhen: [{ gene: `stage${stage}_blocks`, in: counts.filter((value) => value > block) }],
        description: `stage ${stage}: MB layer ${block + 1} after the first`,
      });
    }
    stages.push({ first, count, blocks, offset, layers });
    offset += layers;
  });
  const space = createSearchSpace({
    name: 'nas-bench-macro',
    description: 'NAS-Bench-Macro: 8 layers in 3 stages, each Identity, MB3_K3 or MB6_K5; equivalent layer orders merged',
    genes,
  });
  return { space, stages };
}

let built: { space: SearchSpace; stages: StageGenes[] } | undefined;

function compiled(): { space: SearchSpace; stages: StageGenes[] } {
  built ??= buildSpace();
  return built;
}

export function macroSpace(): SearchSpace {
  return compiled().space;
}

/** The canonical genome of any of the 6,561 arch strings; BAD_INPUT (field `arch`) when malformed. */
export function archToGenome(arch: unknown): Genome {
  if (typeof arch !== 'string' || !/^[012]{8}$/.test(arch)) {
    throw badInput('arch', `${JSON.stringify(arch)} is not a NAS-Bench-Macro architecture`, ARCH_HINT);
  }
  const { space, stages } = compiled();
  const genome = new Array<number>(space.geneCount).fill(0);
  for (const stage of stages) {
    genome[stage.first] = Number(arch[stage.offset]);
    const blocks = [...arch.slice(stage.offset + 1, stage.offset + stage.layers)].map(Number).filter((digit) => digit !== 0);
    genome[stage.count] = blocks.length;
    blocks.forEach((digit, block) => {
      genome[stage.blocks[block] as number] = digit - 1;
    });
  }
  return space.canonicalize(genome);
}

/** The canonical arch string of a genome: in each stage, MB layers first and identities after them. */
export function genomeToArch(genome: Genome): string {
  const { space, stages } = compiled();
  space.validate(genome);
  let arch = '';
  for (const stage of stages) {
    arch += String(genome[stage.first]);
    const count = genome[stage.count] as number;
    for (let block = 0; block < stage.layers - 1; block += 1) {
      arch += block < count ? String((genome[stage.blocks[block] as number] as number) + 1) : '0';
    }
  }
  return arch;
}

/** The native config is the benchmark's arch string. */
export const macroCodec: NativeCodec = {
  toNative: (genome: Genome): string => genomeToArch(genome),
  fromNative: (config: unknown): Genome => archToGenome(config),
};
