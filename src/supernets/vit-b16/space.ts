// The vit-b16 search space: depth 10-12, heads {6, 8, 10, 12} and feed-forward width {1024, 2048, 3072} per layer.

import { createElasticEncoderSpace, type ElasticEncoderSpace } from '../transformer-encoder/elastic-space.js';
import { VIT_MIN_LAYERS } from './architecture.js';

export const VIT_ID = 'vit-b16';

export function createVitSpace(description: string): ElasticEncoderSpace {
  return createElasticEncoderSpace(VIT_ID, description, VIT_MIN_LAYERS);
}
