// ViT-B/16 (timm vit_base_patch16_224) with elastic depth, heads and feed-forward width per layer.

import { HIDDEN_SIZE, type EncoderSpec } from '../transformer-encoder/architecture.js';
import { encoderLayersOf, type ElasticEncoderConfig } from '../transformer-encoder/elastic-space.js';

export const VIT_IMAGE_SIZE = 224;
export const VIT_PATCH_SIZE = 16;
export const VIT_CLASSES = 1000;
export const VIT_MIN_LAYERS = 10;
export const VIT_LAYER_NORM_EPSILON = 1e-6;
/** 14 x 14 patches at 224 px. */
export const VIT_PATCHES = (VIT_IMAGE_SIZE / VIT_PATCH_SIZE) ** 2;

export interface VitPlan {
  readonly encoder: EncoderSpec;
  readonly imageSize: number;
  readonly patchSize: number;
  readonly patches: number;
  readonly classes: number;
}

export function vitPlan(config: ElasticEncoderConfig): VitPlan {
  return {
    encoder: {
      // The class token joins the patch tokens.
      tokens: VIT_PATCHES + 1,
      hidden: HIDDEN_SIZE,
      layers: encoderLayersOf(config),
      norm: 'pre',
      scaling: 'scale-queries',
      fusedQkv: true,
      additiveMask: false,
      layerNormEpsilon: VIT_LAYER_NORM_EPSILON,
    },
    imageSize: VIT_IMAGE_SIZE,
    patchSize: VIT_PATCH_SIZE,
    patches: VIT_PATCHES,
    classes: VIT_CLASSES,
  };
}
