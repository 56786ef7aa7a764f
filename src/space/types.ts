// Types of search spaces: genes with finite choice lists, conditions, genomes as choice indices.

import type { Rng } from '../core/rng.js';

export type GeneValue = number | string | boolean;

/** A genome is one choice index per gene, in the space's gene order. */
export type Genome = readonly number[];

/** A gene is active only when the named gene is active and its value is one of `in`. */
export interface Condition {
  readonly gene: string;
  readonly in: readonly GeneValue[];
}

export interface GeneSpec {
  readonly name: string;
  readonly choices: readonly GeneValue[];
  /** All conditions must hold for the gene to be active; absent = always active. */
  readonly activeWhen?: readonly Condition[];
  readonly description?: string;
}

export interface SpaceSpec {
  readonly name: string;
  readonly description?: string;
  readonly genes: readonly GeneSpec[];
}

export interface SearchSpace {
  readonly name: string;
  readonly description: string | undefined;
  readonly genes: readonly GeneSpec[];
  /** Number of genes. */
  readonly geneCount: number;
  /** Number of choices of each gene, by gene index. */
  readonly choiceCounts: readonly number[];
  /** Gene index by name; throws CarveError BAD_INPUT for an unknown name. */
  indexOf(name: string): number;
  /** Which genes are active in this genome (conditions evaluated in dependency order). */
  activeMask(genome: Genome): boolean[];
  isActive(genome: Genome, geneIndex: number): boolean;
  /** Same genome with every inactive gene set to choice 0: equal networks get equal canonical genomes. */
  canonicalize(genome: Genome): Genome;
  /** Stable string key of the canonical genome. */
  key(genome: Genome): string;
  /** Inverse of key. */
  fromKey(key: string): Genome;
  /** A random canonical genome: each gene uniform over its choices, then canonicalised. */
  sample(rng: Rng): Genome;
  /** Throws CarveError BAD_INPUT (field = gene name) when lengths or indices are out of range. */
  validate(genome: Genome): void;
  /** Values of the active genes by name. */
  decode(genome: Genome): Record<string, GeneValue>;
  /** Genome from values by name; inactive genes may be omitted; unknown names or values are BAD_INPUT. */
  encode(values: Readonly<Record<string, GeneValue>>): Genome;
  /** Exact number of distinct canonical genomes. */
  cardinality(): bigint;
}

export type EncodingKind = 'one-hot' | 'ordinal' | 'raw' | 'counts';

/** Turns genomes into predictor features. */
export interface FeatureEncoder {
  /** An EncodingKind for the generic encoders; a space's own encoder names itself (e.g. 'nb201-cell'). */
  readonly kind: string;
  readonly width: number;
  encode(genome: Genome): Float64Array;
  /**
   * Space-aware encoders may also say which architectures are known, without validation, to be degenerate
   * (e.g. an NB201 cell with no input-to-output path: the network's output is constant). Tactics that ask
   * for it never spend a validation on them.
   */
  degenerate?(genome: Genome): boolean;
  /**
   * A zero-cost proxy the space's owner may offer: a score computed from the architecture alone (no validation,
   * no training data) expected to order accuracy, in either direction. Tactics that ask for it give it to their
   * models as one more feature column and as the trend of the 'proxy+' models.
   */
  proxy?(genome: Genome): number;
  /**
   * Space-aware encoders may also say which architectures compute the same function (equal keys): e.g. NB201 cells
   * that differ only in operations no output reads. Their accuracies differ by training noise alone, so tactics
   * that ask for it validate another one only where it is predicted cheaper in some hardware cost.
   */
  functionKey?(genome: Genome): string;
}

/** Conversion between genomes and a family's native config object (what user code consumes). */
export interface NativeCodec {
  toNative(genome: Genome): unknown;
  /** Throws CarveError BAD_INPUT naming the offending field. */
  fromNative(config: unknown): Genome;
}
