// The elastic-encoder search space shared by bert-base and vit-b16: a depth gene, then heads and feed-forward
// width per layer; genes of layers past the depth are inactive. Native config in Hugging Face's field names.

import { badInput } from '../../core/errors.js';
import { createSearchSpace } from '../../space/search-space.js';
import type { GeneSpec, Genome, NativeCodec, SearchSpace } from '../../space/types.js';
import { describeValue, readChoice, readConfigObject } from '../native-config.js';
import { FFN_CHOICES, HEAD_CHOICES, HIDDEN_SIZE, MAX_LAYERS, type EncoderLayer } from './architecture.js';

export const DEPTH_GENE = 'depth';

/**
 * The native config, as a Hugging Face config (BertConfig, ViTConfig) names these fields:
 * `num_hidden_layers` active layers, and per active layer `num_attention_heads` and `intermediate_size`.
 */
export interface ElasticEncoderConfig {
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number[];
  readonly intermediate_size: number[];
}

export interface ElasticEncoderSpace {
  readonly space: SearchSpace;
  readonly codec: NativeCodec;
  readonly depthChoices: readonly number[];
  /** The native config of a valid genome (inactive genes ignored). */
  read(genome: Genome): ElasticEncoderConfig;
}

export function encoderLayersOf(config: ElasticEncoderConfig): EncoderLayer[] {
  return config.num_attention_heads.map((heads, index) => ({ heads, ffn: config.intermediate_size[index] as number }));
}

function headsGene(layer: number): string {
  return `heads_${layer}`;
}

function ffnGene(layer: number): string {
  return `ffn_${layer}`;
}

export function createElasticEncoderSpace(name: string, description: string, minLayers: number): ElasticEncoderSpace {
  const depthChoices = Array.from({ length: MAX_LAYERS - minLayers + 1 }, (_, index) => minLayers + index);
  const genes: GeneSpec[] = [{ name: DEPTH_GENE, choices: depthChoices, description: `number of encoder layers (${minLayers}-${MAX_LAYERS})` }];
  for (let layer = 0; layer < MAX_LAYERS; layer += 1) {
    // Layer `layer` exists when the depth is at least layer + 1.
    const activeWhen = layer < minLayers ? {} : { activeWhen: [{ gene: DEPTH_GENE, in: depthChoices.filter((depth) => depth > layer) }] };
    genes.push({ name: headsGene(layer), choices: HEAD_CHOICES, description: `attention heads of layer ${layer} (64 wide each)`, ...activeWhen });
    genes.push({ name: ffnGene(layer), choices: FFN_CHOICES, description: `feed-forward inner width of layer ${layer}`, ...activeWhen });
  }
  const space = createSearchSpace({ name, description, genes });

  const read = (genome: Genome): ElasticEncoderConfig => {
    space.validate(genome);
    const depth = depthChoices[genome[0] as number] as number;
    const layers = Array.from({ length: depth }, (_, layer) => layer);
    return {
      num_hidden_layers: depth,
      num_attention_heads: layers.map((layer) => HEAD_CHOICES[genome[1 + 2 * layer] as number] as number),
      intermediate_size: layers.map((layer) => FFN_CHOICES[genome[2 + 2 * layer] as number] as number),
    };
  };

  const example = `{"num_hidden_layers": ${MAX_LAYERS}, "num_attention_heads": [12, ...], "intermediate_size": [3072, ...]}`;
  const fromNative = (config: unknown): Genome => {
    const object = readConfigObject(config, 'config', example);
    const depth = readDepth(object, depthChoices);
    if (object['hidden_size'] !== undefined && object['hidden_size'] !== HIDDEN_SIZE) {
      throw badInput('config.hidden_size', `${describeValue(object['hidden_size'])} is not the hidden size of this super-network`, `the hidden size is fixed at ${HIDDEN_SIZE}; give 768 or leave it out`);
    }
    const heads = readPerLayer(object, 'num_attention_heads', depth, HEAD_CHOICES);
    const widths = readPerLayer(object, 'intermediate_size', depth, FFN_CHOICES);
    const genome = new Array<number>(space.geneCount).fill(0);
    genome[0] = depthChoices.indexOf(depth);
    for (let layer = 0; layer < depth; layer += 1) {
      genome[1 + 2 * layer] = (HEAD_CHOICES as readonly number[]).indexOf(heads[layer] as number);
      genome[2 + 2 * layer] = (FFN_CHOICES as readonly number[]).indexOf(widths[layer] as number);
    }
    return space.canonicalize(genome);
  };

  return { space, depthChoices, read, codec: { toNative: (genome: Genome): ElasticEncoderConfig => read(space.canonicalize(genome)), fromNative } };
}

/** `num_hidden_layers` (or its short form `num_layers`): one of the depth choices. */
function readDepth(object: Record<string, unknown>, depthChoices: readonly number[]): number {
  const long = object['num_hidden_layers'];
  const short = object['num_layers'];
  if (long !== undefined && short !== undefined && long !== short) {
    throw badInput('config.num_layers', `disagrees with num_hidden_layers (${describeValue(short)} vs ${describeValue(long)})`, 'give the depth once, as num_hidden_layers');
  }
  const value = long ?? short;
  const field = long !== undefined || short === undefined ? 'config.num_hidden_layers' : 'config.num_layers';
  if (value === undefined) throw badInput(field, 'is missing', `give the number of encoder layers, an integer from ${depthChoices[0]} to ${MAX_LAYERS}`);
  if (typeof value !== 'number' || !depthChoices.includes(value)) {
    throw badInput(field, `${describeValue(value)} is not a depth of this super-network`, `give an integer from ${depthChoices[0]} to ${MAX_LAYERS}`);
  }
  return value;
}

/**
 * A per-layer list: `depth` entries (one per active layer) or all 12, whose entries past the depth are ignored,
 * as super-network code that keeps full-length lists writes them.
 */
function readPerLayer(object: Record<string, unknown>, key: string, depth: number, choices: readonly number[]): number[] {
  const field = `config.${key}`;
  const value = object[key];
  if (value === undefined) throw badInput(field, 'is missing', `give "${key}" as a list with one entry per layer (${depth}), each one of ${choices.join(', ')}`);
  if (!Array.isArray(value)) throw badInput(field, `expected a list, got ${describeValue(value)}`, `give "${key}" as a JSON list of ${depth} numbers`);
  if (value.length !== depth && value.length !== MAX_LAYERS) {
    throw badInput(field, `has ${value.length} entries but num_hidden_layers is ${depth}`, `give ${depth} entries, one per layer (or all ${MAX_LAYERS}; entries past the depth are ignored)`);
  }
  return value.slice(0, depth).map((entry, layer) => readChoice(entry, choices, `${field}[${layer}]`));
}
