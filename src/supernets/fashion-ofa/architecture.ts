// The fixed shape of the fashion-ofa super-network (mirrors supernets/fashion-ofa/fashion_ofa.py) and its layer plan.

export const FASHION_OFA_IMAGE_SIZE = 28;
export const FASHION_OFA_CLASSES = 10;
export const STEM_CHANNELS = 16;
export const STEM_STRIDE = 2;
/** Output channels and stride of the first block of each stage; later blocks keep the shape and add a skip. */
export const STAGES: readonly { readonly outChannels: number; readonly stride: number }[] = [
  { outChannels: 24, stride: 2 },
  { outChannels: 40, stride: 1 },
  { outChannels: 64, stride: 2 },
];
export const HEAD_CHANNELS = 192;
export const MAX_DEPTH = 3;
export const DEPTH_CHOICES: readonly number[] = [1, 2, 3];
export const KERNEL_CHOICES: readonly number[] = [3, 5];
export const EXPAND_CHOICES: readonly number[] = [2, 3, 4];
/** Group norm with a fixed number of channels per group, so a channel's group never depends on the active width. */
export const CHANNELS_PER_GROUP = 8;
export const NORM_EPSILON = 1e-5;
export const BLOCK_COUNT = STAGES.length * MAX_DEPTH;

/** The native config: per-block kernel size and expand ratio (9 each), per-stage depth (3), as OFA writes it. */
export interface FashionOfaConfig {
  readonly ks: readonly number[];
  readonly e: readonly number[];
  readonly d: readonly number[];
}

/** One active inverted-residual block: 1x1 expand, k x k depthwise, 1x1 project, each followed by group norm. */
export interface FashionOfaBlock {
  readonly stage: number;
  /** Position inside the stage (0 = the block that changes shape). */
  readonly slot: number;
  readonly inChannels: number;
  readonly hiddenChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly inSize: number;
  readonly outSize: number;
  readonly residual: boolean;
}

export interface FashionOfaPlan {
  readonly stemSize: number;
  readonly blocks: readonly FashionOfaBlock[];
  /** Spatial size entering the head. */
  readonly headSize: number;
}

/** Output size of a convolution with padding k/2 (what both PyTorch and the ONNX graph use). */
export function convOutputSize(inSize: number, kernel: number, stride: number): number {
  const padding = Math.floor(kernel / 2);
  return Math.floor((inSize + 2 * padding - kernel) / stride) + 1;
}

export function stageInputChannels(stage: number): number {
  return stage === 0 ? STEM_CHANNELS : (STAGES[stage - 1] as { outChannels: number }).outChannels;
}

/** Widest hidden layer of a block slot (what the weight file stores). */
export function maxHiddenChannels(stage: number, slot: number): number {
  const inChannels = slot === 0 ? stageInputChannels(stage) : (STAGES[stage] as { outChannels: number }).outChannels;
  return inChannels * Math.max(...EXPAND_CHOICES);
}

/** Layers of a (valid) config, in order; inactive block slots are left out. */
export function fashionOfaPlan(config: FashionOfaConfig): FashionOfaPlan {
  const stemSize = convOutputSize(FASHION_OFA_IMAGE_SIZE, 3, STEM_STRIDE);
  let size = stemSize;
  const blocks: FashionOfaBlock[] = [];
  STAGES.forEach((stageSpec, stage) => {
    const depth = config.d[stage] as number;
    for (let slot = 0; slot < depth; slot += 1) {
      const index = stage * MAX_DEPTH + slot;
      const inChannels = slot === 0 ? stageInputChannels(stage) : stageSpec.outChannels;
      const stride = slot === 0 ? stageSpec.stride : 1;
      const kernel = config.ks[index] as number;
      const outSize = convOutputSize(size, kernel, stride);
      blocks.push({
        stage,
        slot,
        inChannels,
        hiddenChannels: inChannels * (config.e[index] as number),
        outChannels: stageSpec.outChannels,
        kernel,
        stride,
        inSize: size,
        outSize,
        residual: slot > 0,
      });
      size = outSize;
    }
  });
  return { stemSize, blocks, headSize: size };
}
