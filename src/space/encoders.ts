// Predictor features from genomes: one-hot of active genes, ordinal positions, or raw gene values.
//
// Column layouts (fixed, so a fitted predictor stays valid for the life of a space):
// - 'one-hot': for each gene in order, one column per choice; an active gene sets the column of its choice to
//   1, an inactive gene leaves its whole block 0. Width = sum of the choice counts.
// - 'ordinal': one column per gene, choice index / (choices - 1) in [0, 1] (0 for a single-choice gene);
//   an inactive gene is -1, outside that range, so a model can tell "block absent" from "first choice".
//   Width = gene count.
// - 'raw': one column per gene: numbers as they are, booleans as 0/1, strings as their choice index;
//   an inactive gene is 0. Width = gene count.
// - 'counts': genes whose choices are the same list (same values, same order) form a group; for each group of two
//   or more genes, one column per choice: how many active genes of the group take it (an NB201 cell: how many of
//   its six edges are a 3x3 convolution, ...). A cost that depends on what is used, not where, is linear in these.
//   Width = the choice counts of those groups summed (0 when no two genes share their choices).

import { badInput } from '../core/errors.js';
import { checkGenome, fillActiveMask, type CompiledSpace } from './compile-spec.js';
import { compiledSpaceOf } from './search-space.js';
import type { EncodingKind, FeatureEncoder, GeneValue, Genome, SearchSpace } from './types.js';

const ENCODING_KINDS: readonly EncodingKind[] = ['one-hot', 'ordinal', 'raw', 'counts'];

/** Feature value of an inactive gene in the 'ordinal' encoding. */
export const ORDINAL_INACTIVE = -1;

abstract class TableEncoder implements FeatureEncoder {
  abstract readonly kind: EncodingKind;
  abstract readonly width: number;
  protected readonly compiled: CompiledSpace;
  /** Reused activity buffer: encode is synchronous and never re-enters. */
  protected readonly active: Uint8Array;

  constructor(compiled: CompiledSpace) {
    this.compiled = compiled;
    this.active = new Uint8Array(compiled.geneCount);
  }

  encode(genome: Genome): Float64Array {
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.active);
    return this.fill(genome, new Float64Array(this.width));
  }

  protected abstract fill(genome: Genome, features: Float64Array): Float64Array;
}

class OneHotEncoder extends TableEncoder {
  readonly kind = 'one-hot';
  readonly width: number;
  private readonly offsets: Int32Array;

  constructor(compiled: CompiledSpace) {
    super(compiled);
    this.offsets = new Int32Array(compiled.geneCount);
    let width = 0;
    compiled.choiceCounts.forEach((count, gene) => {
      this.offsets[gene] = width;
      width += count;
    });
    this.width = width;
  }

  protected fill(genome: Genome, features: Float64Array): Float64Array {
    for (let gene = 0; gene < genome.length; gene += 1) {
      if (this.active[gene] === 1) features[(this.offsets[gene] as number) + (genome[gene] as number)] = 1;
    }
    return features;
  }
}

class OrdinalEncoder extends TableEncoder {
  readonly kind = 'ordinal';
  readonly width: number;
  private readonly scales: Float64Array;

  constructor(compiled: CompiledSpace) {
    super(compiled);
    this.width = compiled.geneCount;
    this.scales = Float64Array.from(compiled.choiceCounts, (count) => (count > 1 ? 1 / (count - 1) : 0));
  }

  protected fill(genome: Genome, features: Float64Array): Float64Array {
    for (let gene = 0; gene < genome.length; gene += 1) {
      features[gene] = this.active[gene] === 1 ? (genome[gene] as number) * (this.scales[gene] as number) : ORDINAL_INACTIVE;
    }
    return features;
  }
}

function rawValue(value: GeneValue, index: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return index;
}

class RawEncoder extends TableEncoder {
  readonly kind = 'raw';
  readonly width: number;
  /** Feature of choice c of gene g at `values[starts[g] + c]`. */
  private readonly values: Float64Array;
  private readonly starts: Int32Array;

  constructor(compiled: CompiledSpace) {
    super(compiled);
    this.width = compiled.geneCount;
    this.starts = new Int32Array(compiled.geneCount);
    const values: number[] = [];
    compiled.genes.forEach((gene, index) => {
      this.starts[index] = values.length;
      gene.choices.forEach((choice, choiceIndex) => values.push(rawValue(choice, choiceIndex)));
    });
    this.values = Float64Array.from(values);
  }

  protected fill(genome: Genome, features: Float64Array): Float64Array {
    for (let gene = 0; gene < genome.length; gene += 1) {
      if (this.active[gene] === 1) features[gene] = this.values[(this.starts[gene] as number) + (genome[gene] as number)] as number;
    }
    return features;
  }
}

class CountsEncoder extends TableEncoder {
  readonly kind = 'counts';
  readonly width: number;
  /** Column of choice 0 of each gene's group, -1 for a gene alone with its choices. */
  private readonly offsets: Int32Array;

  constructor(compiled: CompiledSpace) {
    super(compiled);
    const signature = (gene: number): string => JSON.stringify(compiled.genes[gene]?.choices ?? []);
    const members = new Map<string, number[]>();
    compiled.genes.forEach((_, gene) => {
      const key = signature(gene);
      members.set(key, [...(members.get(key) ?? []), gene]);
    });
    this.offsets = new Int32Array(compiled.geneCount).fill(-1);
    let width = 0;
    for (const genes of members.values()) {
      if (genes.length < 2) continue;
      for (const gene of genes) this.offsets[gene] = width;
      width += compiled.choiceCounts[genes[0] as number] as number;
    }
    this.width = width;
  }

  protected fill(genome: Genome, features: Float64Array): Float64Array {
    for (let gene = 0; gene < genome.length; gene += 1) {
      const offset = this.offsets[gene] as number;
      if (offset < 0 || this.active[gene] !== 1) continue;
      const column = offset + (genome[gene] as number);
      features[column] = (features[column] as number) + 1;
    }
    return features;
  }
}

/** A feature encoder of the given kind for `space`; see the top of this module for the column layouts. */
export function createEncoder(space: SearchSpace, kind: EncodingKind): FeatureEncoder {
  const compiled = compiledSpaceOf(space);
  switch (kind) {
    case 'one-hot':
      return new OneHotEncoder(compiled);
    case 'ordinal':
      return new OrdinalEncoder(compiled);
    case 'raw':
      return new RawEncoder(compiled);
    case 'counts':
      return new CountsEncoder(compiled);
    default:
      throw badInput('encoding', `unknown encoding "${String(kind)}"`, `use one of ${ENCODING_KINDS.join(', ')}`);
  }
}

/**
 * The columns of `first` followed by those of `second` (first's columns keep their positions, second's start at
 * first.width); degenerate as `first` says, else as `second` says.
 */
export function concatenateEncoders(first: FeatureEncoder, second: FeatureEncoder): FeatureEncoder {
  const width = first.width + second.width;
  const degenerate = first.degenerate?.bind(first) ?? second.degenerate?.bind(second);
  const proxy = first.proxy?.bind(first) ?? second.proxy?.bind(second);
  return {
    kind: `${first.kind}+${second.kind}`,
    width,
    encode(genome: Genome): Float64Array {
      const features = new Float64Array(width);
      features.set(first.encode(genome), 0);
      features.set(second.encode(genome), first.width);
      return features;
    },
    ...(degenerate === undefined ? {} : { degenerate }),
    ...(proxy === undefined ? {} : { proxy }),
  };
}

/**
 * The encoder's features with its zero-cost proxy (FeatureEncoder.proxy) appended as the last column; the proxy,
 * and which architectures are degenerate, are passed on.
 */
export function withProxyColumn(encoder: FeatureEncoder): FeatureEncoder {
  const proxy = encoder.proxy?.bind(encoder);
  if (proxy === undefined) throw new Error(`encoder ${encoder.kind} offers no proxy`);
  return concatenateEncoders(encoder, { kind: 'proxy', width: 1, encode: (genome) => Float64Array.of(proxy(genome)) });
}

/** Features of many genomes, one row each. */
export function encodeMany(encoder: FeatureEncoder, genomes: readonly Genome[]): Float64Array[] {
  const rows = new Array<Float64Array>(genomes.length);
  for (let row = 0; row < genomes.length; row += 1) rows[row] = encoder.encode(genomes[row] as Genome);
  return rows;
}
