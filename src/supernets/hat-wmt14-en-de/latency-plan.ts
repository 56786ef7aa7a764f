// How HAT times a SubTransformer (latency_dataset.py, utils.measure_latency), as a carve latency plan:
// the encoder once on a source of `sourceLength` tokens, then the decoder once per output token for
// `outputLength` steps with fairseq's incremental state: each step feeds only the newest token of every beam
// hypothesis, self-attention appends to its key/value cache, and the encoder-decoder keys/values are computed
// once (fairseq's first step) and reused. One run of the plan is one whole translation.

import { badInput } from '../../core/errors.js';
import { serializeModel } from '../../onnx/serialize.js';
import type { LatencyFeed, LatencyPlan, LatencyPlanOptions, LatencyPlanStep } from '../types.js';
import { HAT_DEFAULT_BEAM, HAT_DEFAULT_SOURCE_LENGTH, HAT_DEFAULT_TARGET_LENGTH, HAT_PADDING_INDEX, maxEncoderLayersAttended, type HatPlan } from './architecture.js';
import {
  buildHatCrossCacheModel,
  buildHatDecoderStepModel,
  buildHatEncoderModel,
  crossKeyName,
  crossValueName,
  encoderOutputName,
  pastKeyName,
  pastValueName,
  presentKeyName,
  presentValueName,
} from './onnx-graph.js';

/** HAT's dummy sentences: source [2, 7, 7, ...] (eos first), previous output tokens [7, ..., 7, 2]. */
const EOS = 2;
const FILLER = 7;

export interface ResolvedPlanOptions {
  readonly batchSize: number;
  readonly seed: number;
  readonly sourceLength: number;
  readonly outputLength: number;
  readonly beam: number;
}

function checkRange(value: number | undefined, fallback: number, field: string, max: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1 || resolved > max) throw badInput(field, `${resolved} is out of range`, `give an integer from 1 to ${max}`);
  return resolved;
}

export function resolvePlanOptions(options: LatencyPlanOptions): ResolvedPlanOptions {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw badInput('seed', `${seed} is not an integer seed`, 'give a whole number, e.g. 0');
  return {
    batchSize: checkRange(options.batchSize, 1, 'batchSize', 256),
    seed,
    sourceLength: checkRange(options.sourceLength, HAT_DEFAULT_SOURCE_LENGTH, 'sourceLength', 1000),
    outputLength: checkRange(options.outputLength, HAT_DEFAULT_TARGET_LENGTH, 'outputLength', 1000),
    beam: checkRange(options.beam, HAT_DEFAULT_BEAM, 'beam', 64),
  };
}

/** What one run does, e.g. `src30-out30-beam5` (the batch size is part of evaluator ids already). */
export function hatPlanLabel(options: LatencyPlanOptions): string {
  const { sourceLength, outputLength, beam } = resolvePlanOptions(options);
  return `src${sourceLength}-out${outputLength}-beam${beam}`;
}

export function buildHatLatencyPlan(plan: HatPlan, options: LatencyPlanOptions): LatencyPlan {
  const resolved = resolvePlanOptions(options);
  const { batchSize, seed, sourceLength, outputLength, beam } = resolved;
  const rows = batchSize * beam;
  const graphs = {
    encoder: serializeModel(buildHatEncoderModel(plan, { batchSize, seed, sourceLength })),
    cache: serializeModel(buildHatCrossCacheModel(plan, { batchSize, seed, sourceLength, beam })),
    step: serializeModel(
      buildHatDecoderStepModel(plan, { rows, seed, sourceLength, pastLength: 'past', maxPositions: HAT_PADDING_INDEX + 2 + outputLength }),
    ),
  };
  const source = Array.from({ length: batchSize * sourceLength }, (_, index) => (index % sourceLength === 0 ? EOS : FILLER));
  const encoderOutputs: Record<string, LatencyFeed> = {};
  for (let fromLast = 0; fromLast < maxEncoderLayersAttended(plan); fromLast += 1) {
    encoderOutputs[encoderOutputName(fromLast)] = { kind: 'output', step: 0, output: encoderOutputName(fromLast) };
  }
  const steps: LatencyPlanStep[] = [
    { graph: 'encoder', feeds: { src_tokens: { kind: 'int64', dims: [batchSize, sourceLength], values: source } } },
    { graph: 'cache', feeds: encoderOutputs },
  ];
  for (let step = 0; step < outputLength; step += 1) {
    const token = step === outputLength - 1 ? EOS : FILLER;
    const feeds: Record<string, LatencyFeed> = {
      prev_token: { kind: 'int64', dims: [rows, 1], values: new Array<number>(rows).fill(token) },
      // fairseq's incremental position of step k (prefix length k + 1) is padding_idx + k + 1.
      position: { kind: 'int64', dims: [1], values: [HAT_PADDING_INDEX + step + 1] },
    };
    plan.decoderLayers.forEach((layer, index) => {
      const headDim = plan.qkvDim / layer.selfHeads;
      const previous = steps.length - 1;
      feeds[pastKeyName(index)] = step === 0 ? { kind: 'float32', dims: [rows, layer.selfHeads, 0, headDim] } : { kind: 'output', step: previous, output: presentKeyName(index) };
      feeds[pastValueName(index)] = step === 0 ? { kind: 'float32', dims: [rows, layer.selfHeads, 0, headDim] } : { kind: 'output', step: previous, output: presentValueName(index) };
      feeds[crossKeyName(index)] = { kind: 'output', step: 1, output: crossKeyName(index) };
      feeds[crossValueName(index)] = { kind: 'output', step: 1, output: crossValueName(index) };
    });
    steps.push({ graph: 'step', feeds });
  }
  return { graphs, steps, label: hatPlanLabel(resolved) };
}
