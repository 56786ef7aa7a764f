// The HAT WMT'14 En-De search space: genes with decoder-depth conditions, and the codec to HAT's config dict.

import { badInput } from '../../core/errors.js';
import { createSearchSpace } from '../../space/search-space.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/types.js';
import { describeValue, readChoice, readConfigObject } from '../native-config.js';
import {
  HAT_DECODER_LAYER_CHOICES,
  HAT_EMBED_CHOICES,
  HAT_ENCODER_LAYERS,
  HAT_ENDE_ATTN_CHOICES,
  HAT_FFN_CHOICES,
  HAT_HEAD_CHOICES,
  HAT_MAX_DECODER_LAYERS,
  type HatConfig,
} from './architecture.js';

export interface HatSpace {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  /** The canonical HAT config of a genome (decoder lists cut to the decoder depth). */
  read(genome: Genome): HatConfig;
}

const EXAMPLE =
  '{"encoder": {"encoder_embed_dim": 512, "encoder_layer_num": 6, "encoder_ffn_embed_dim": [3072, ...], "encoder_self_attention_heads": [8, ...]}, ' +
  '"decoder": {"decoder_embed_dim": 512, "decoder_layer_num": 2, "decoder_ffn_embed_dim": [2048, 3072], "decoder_self_attention_heads": [8, 4], ' +
  '"decoder_ende_attention_heads": [8, 8], "decoder_arbitrary_ende_attn": [-1, 1]}}';

const ENCODER_LISTS = ['encoder_ffn_embed_dim', 'encoder_self_attention_heads'] as const;
const DECODER_LISTS = ['decoder_ffn_embed_dim', 'decoder_self_attention_heads', 'decoder_ende_attention_heads', 'decoder_arbitrary_ende_attn'] as const;

function choicesOf(list: (typeof ENCODER_LISTS)[number] | (typeof DECODER_LISTS)[number]): readonly number[] {
  if (list.endsWith('ffn_embed_dim')) return HAT_FFN_CHOICES;
  if (list === 'decoder_arbitrary_ende_attn') return HAT_ENDE_ATTN_CHOICES;
  return HAT_HEAD_CHOICES;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  encoder_ffn_embed_dim: 'FFN width of encoder layer',
  encoder_self_attention_heads: 'self-attention heads of encoder layer',
  decoder_ffn_embed_dim: 'FFN width of decoder layer',
  decoder_self_attention_heads: 'self-attention heads of decoder layer',
  decoder_ende_attention_heads: 'encoder-decoder attention heads of decoder layer',
  decoder_arbitrary_ende_attn: 'encoder layers read by the encoder-decoder attention of decoder layer (-1: last, 1: last 2, 2: last 3),',
};

/** A list with at least `min` and at most `max` entries; entries are checked by the caller. */
function readLayerList(part: Record<string, unknown>, key: string, field: string, min: number, max: number): unknown[] {
  const value = part[key];
  const wanted = min === max ? `${min}` : `${min} to ${max}`;
  if (value === undefined) throw badInput(field, 'is missing', `give "${key}" as a list of ${wanted} numbers (one per layer)`);
  if (!Array.isArray(value)) throw badInput(field, `expected a list, got ${describeValue(value)}`, `give "${key}" as a JSON list of ${wanted} numbers`);
  if (value.length < min || value.length > max) {
    throw badInput(field, `has ${value.length} entries but needs ${wanted}`, `give one entry per layer: ${wanted} entries`);
  }
  return value;
}

export function createHatSpace(name: string, description: string): HatSpace {
  const genes: GeneSpec[] = [
    { name: 'encoder_embed_dim', choices: HAT_EMBED_CHOICES, description: 'encoder embedding width' },
    { name: 'decoder_embed_dim', choices: HAT_EMBED_CHOICES, description: 'decoder embedding width' },
  ];
  for (let layer = 0; layer < HAT_ENCODER_LAYERS; layer += 1) {
    for (const list of ENCODER_LISTS) genes.push({ name: `${list}_${layer}`, choices: choicesOf(list), description: `${DESCRIPTIONS[list]} ${layer}` });
  }
  genes.push({ name: 'decoder_layer_num', choices: HAT_DECODER_LAYER_CHOICES, description: 'decoder layers (the encoder always has 6)' });
  for (let layer = 0; layer < HAT_MAX_DECODER_LAYERS; layer += 1) {
    const deepEnough = HAT_DECODER_LAYER_CHOICES.filter((depth) => depth > layer);
    for (const list of DECODER_LISTS) {
      genes.push({
        name: `${list}_${layer}`,
        choices: choicesOf(list),
        description: `${DESCRIPTIONS[list]} ${layer}`,
        ...(layer === 0 ? {} : { activeWhen: [{ gene: 'decoder_layer_num', in: deepEnough }] }),
      });
    }
  }
  const space = createSearchSpace({ name, description, genes });
  const index = (gene: string): number => space.indexOf(gene);
  const value = (genome: Genome, gene: string, choices: readonly number[]): number => choices[genome[index(gene)] as number] as number;

  const read = (genome: Genome): HatConfig => {
    space.validate(genome);
    const canonical = space.canonicalize(genome);
    const depth = value(canonical, 'decoder_layer_num', HAT_DECODER_LAYER_CHOICES);
    const encoderList = (list: (typeof ENCODER_LISTS)[number]): number[] =>
      Array.from({ length: HAT_ENCODER_LAYERS }, (_, layer) => value(canonical, `${list}_${layer}`, choicesOf(list)));
    const decoderList = (list: (typeof DECODER_LISTS)[number]): number[] =>
      Array.from({ length: depth }, (_, layer) => value(canonical, `${list}_${layer}`, choicesOf(list)));
    return {
      encoder: {
        encoder_embed_dim: value(canonical, 'encoder_embed_dim', HAT_EMBED_CHOICES),
        encoder_layer_num: HAT_ENCODER_LAYERS,
        encoder_ffn_embed_dim: encoderList('encoder_ffn_embed_dim'),
        encoder_self_attention_heads: encoderList('encoder_self_attention_heads'),
      },
      decoder: {
        decoder_embed_dim: value(canonical, 'decoder_embed_dim', HAT_EMBED_CHOICES),
        decoder_layer_num: depth,
        decoder_ffn_embed_dim: decoderList('decoder_ffn_embed_dim'),
        decoder_self_attention_heads: decoderList('decoder_self_attention_heads'),
        decoder_ende_attention_heads: decoderList('decoder_ende_attention_heads'),
        decoder_arbitrary_ende_attn: decoderList('decoder_arbitrary_ende_attn'),
      },
    };
  };

  const fromNative = (config: unknown): Genome => {
    const root = readConfigObject(config, 'config', EXAMPLE);
    const encoder = readConfigObject(root['encoder'], 'config.encoder', '{"encoder_embed_dim": 640, "encoder_layer_num": 6, ...}');
    const decoder = readConfigObject(root['decoder'], 'config.decoder', '{"decoder_embed_dim": 640, "decoder_layer_num": 6, ...}');
    const genome = new Array<number>(space.geneCount).fill(0);
    const set = (gene: string, choice: number, choices: readonly number[]): void => {
      genome[index(gene)] = choices.indexOf(choice);
    };
    set('encoder_embed_dim', readChoice(encoder['encoder_embed_dim'], HAT_EMBED_CHOICES, 'config.encoder.encoder_embed_dim'), HAT_EMBED_CHOICES);
    if (encoder['encoder_layer_num'] !== undefined) readChoice(encoder['encoder_layer_num'], [HAT_ENCODER_LAYERS], 'config.encoder.encoder_layer_num');
    for (const list of ENCODER_LISTS) {
      const field = `config.encoder.${list}`;
      readLayerList(encoder, list, field, HAT_ENCODER_LAYERS, HAT_ENCODER_LAYERS).forEach((entry, layer) => {
        set(`${list}_${layer}`, readChoice(entry, choicesOf(list), `${field}[${layer}]`), choicesOf(list));
      });
    }
    set('decoder_embed_dim', readChoice(decoder['decoder_embed_dim'], HAT_EMBED_CHOICES, 'config.decoder.decoder_embed_dim'), HAT_EMBED_CHOICES);
    const depth = readChoice(decoder['decoder_layer_num'], HAT_DECODER_LAYER_CHOICES, 'config.decoder.decoder_layer_num');
    set('decoder_layer_num', depth, HAT_DECODER_LAYER_CHOICES);
    for (const list of DECODER_LISTS) {
      const field = `config.decoder.${list}`;
      // HAT's sampler writes the ende-attention list for all 6 layers; entries past the depth are not used.
      const entries = readLayerList(decoder, list, field, depth, HAT_MAX_DECODER_LAYERS);
      for (let layer = 0; layer < depth; layer += 1) {
        set(`${list}_${layer}`, readChoice(entries[layer], choicesOf(list), `${field}[${layer}]`), choicesOf(list));
      }
    }
    return space.canonicalize(genome);
  };

  return { space, codec: { toNative: (genome: Genome): HatConfig => read(genome), fromNative }, read };
}
