import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { createElasticEncoderSpace, encoderLayersOf } from './elastic-space.js';

describe('elastic encoder space', () => {
  const encoder = createElasticEncoderSpace('test-encoder', 'test', 11);

  it('has a depth gene and heads/ffn genes per layer; layers past the depth are inactive', () => {
    expect(encoder.space.genes.map((gene) => gene.name).slice(0, 5)).toEqual(['depth', 'heads_0', 'ffn_0', 'heads_1', 'ffn_1']);
    expect(encoder.depthChoices).toEqual([11, 12]);
    const shallow = encoder.codec.fromNative({ num_hidden_layers: 11, num_attention_heads: new Array(11).fill(8), intermediate_size: new Array(11).fill(2048) });
    const mask = encoder.space.activeMask(shallow);
    expect(mask.filter((active) => !active)).toHaveLength(2);
    expect(mask[encoder.space.indexOf('heads_11')]).toBe(false);
    expect(mask[encoder.space.indexOf('heads_10')]).toBe(true);
  });

  it('counts 12^11 + 12^12 sub-networks exactly', () => {
    expect(encoder.space.cardinality()).toBe(12n ** 11n + 12n ** 12n);
  });

  it('canonicalises inactive genes away so equal networks have equal keys', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial += 1) {
      const genome = encoder.space.sample(rng);
      const config = encoder.read(genome);
      const noisy = [...genome];
      // Scramble the genes of the inactive 12th layer when the depth is 11.
      if (config.num_hidden_layers === 11) {
        noisy[encoder.space.indexOf('heads_11')] = trial % 4;
        noisy[encoder.space.indexOf('ffn_11')] = trial % 3;
      }
      expect(encoder.space.key(noisy)).toBe(encoder.space.key(genome));
      expect(encoderLayersOf(config)).toHaveLength(config.num_hidden_layers);
    }
  });

  it('explains a missing per-layer list', () => {
    try {
      encoder.codec.fromNative({ num_hidden_layers: 12, intermediate_size: new Array(12).fill(1024) });
      expect.unreachable();
    } catch (error) {
      expect(isCarveError(error) && error.field).toBe('config.num_attention_heads');
      expect(isCarveError(error) && error.hint).toContain('6, 8, 10, 12');
    }
  });
});
