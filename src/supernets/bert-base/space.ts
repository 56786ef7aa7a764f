// The bert-base search space: depth 6-12, heads {6, 8, 10, 12} and feed-forward width {1024, 2048, 3072} per layer.

import { createElasticEncoderSpace, type ElasticEncoderSpace } from '../transformer-encoder/elastic-space.js';
import { BERT_MIN_LAYERS } from './architecture.js';

export const BERT_ID = 'bert-base';

export function createBertSpace(description: string): ElasticEncoderSpace {
  return createElasticEncoderSpace(BERT_ID, description, BERT_MIN_LAYERS);
}
