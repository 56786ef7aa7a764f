// The Supernet descriptor: a family's search space, native config codec, exact costs and ONNX builder.

import type { MacBreakdown } from '../onnx/macs-convention.js';
import type { MacsConvention } from '../onnx/types.js';
import type { Genome, NativeCodec, SearchSpace } from '../space/types.js';

export type { MacBreakdown, MacsConvention };

/** Exact analytic costs of one sub-network for one input sample at its resolution. */
export interface CostReport {
  readonly macs: number;
  readonly params: number;
}

/** MACs by operation kind plus the parameter count: every convention can be summed from it. */
export interface CostBreakdown {
  readonly macs: MacBreakdown;
  readonly params: number;
}

export interface OnnxBuildOptions {
  /** Leading dimension of every graph input. */
  readonly batchSize: number;
  /** Seed of the random weights; the same seed gives byte-identical graphs. Default 0. */
  readonly seed?: number;
}

/** What one timed latency run of a multi-graph plan does, e.g. a translation: sentence lengths, beam, batch. */
export interface LatencyPlanOptions {
  /** Sentences (or samples) per run. */
  readonly batchSize: number;
  /** Seed of the random weights. Default 0. */
  readonly seed?: number;
  /** Tokens generated per sentence (decoder steps); the family's default when absent. */
  readonly outputLength?: number;
  /** Source tokens per sentence; the family's default when absent. */
  readonly sourceLength?: number;
  /** Beam width (hypotheses decoded side by side); the family's default when absent. */
  readonly beam?: number;
}

/**
 * Where a graph input of one plan step comes from: a tensor made once before timing (int64 `values`, or float32
 * filled with seeded random values), or an output of an earlier step of the same run.
 */
export type LatencyFeed =
  | { readonly kind: 'int64'; readonly dims: readonly number[]; readonly values: readonly number[] }
  | { readonly kind: 'float32'; readonly dims: readonly number[] }
  | { readonly kind: 'output'; readonly step: number; readonly output: string };

export interface LatencyPlanStep {
  /** Key into `graphs`. */
  readonly graph: string;
  /** One feed per graph input. */
  readonly feeds: Readonly<Record<string, LatencyFeed>>;
}

/** Several graphs run in sequence as one timed unit (e.g. an encoder once, then a decoder once per output token). */
export interface LatencyPlan {
  /** Serialised ONNX graphs by name; each becomes one session. */
  readonly graphs: Readonly<Record<string, Uint8Array>>;
  readonly steps: readonly LatencyPlanStep[];
  /** Short stable text of what one run does, part of the evaluator id, e.g. `src30-out30-beam5`. */
  readonly label: string;
}

export interface Supernet {
  /** Registry id, e.g. `ofa-mbv3-w1.0`. */
  readonly id: string;
  readonly title: string;
  /** Family folder name, e.g. `ofa-mobilenetv3`. */
  readonly family: string;
  readonly description: string;
  /** Genes with conditions; inactive genes are canonicalised away, so equal networks have equal keys. */
  readonly space: SearchSpace;
  /** Genome <-> the config the super-network's own code takes (OFA: `{ ks, e, d, r }`). */
  readonly codec: NativeCodec;
  /** Input resolution used when the space has no resolution gene. */
  readonly defaultResolution: number;
  /** What `defaultResolution` counts: image pixels (the default) or tokens of a sequence model. */
  readonly inputUnit?: 'px' | 'tokens';
  /** Every input resolution the space can produce (one value when resolution is fixed). */
  readonly resolutions: readonly number[];
  /** Exact MACs and parameters in the given convention; throws BAD_INPUT for a genome outside the space. */
  costs(genome: Genome, convention: MacsConvention): CostReport;
  costBreakdown(genome: Genome): CostBreakdown;
  /** The sub-network as an ONNX graph (real topology, seeded random weights), serialised. */
  buildOnnx?(genome: Genome, options: OnnxBuildOptions): Uint8Array;
  /**
   * How latency is measured when one graph run is not the whole inference (sequence generation). When present,
   * the latency evaluator times the plan's steps together as one run instead of one run of `buildOnnx`.
   */
  latencyPlan?(genome: Genome, options: LatencyPlanOptions): LatencyPlan;
  /** The `label` every plan built with these options carries, without building one (for evaluator ids). */
  latencyPlanLabel?(options: LatencyPlanOptions): string;
}

/** How a family's resolution is searched: fixed (default) or as a gene over the family's resolution list. */
export interface SupernetOptions {
  readonly resolution?: 'fixed' | 'elastic';
  /** The resolution of a fixed-resolution space (default: the family's default, 224 for OFA). */
  readonly fixedResolution?: number;
}

/** One registered family variant: what `carve spaces` lists and how to build it. */
export interface SupernetEntry {
  readonly id: string;
  readonly title: string;
  readonly family: string;
  readonly description: string;
  create(options: SupernetOptions): Supernet;
}
