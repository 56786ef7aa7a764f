// Exact MACs of one translation as the latency plan runs it (HAT's latency measurement): the encoder once,
// the encoder-decoder keys/values once per hypothesis, then one incremental decoder step per output token
// for batch x beam hypotheses. Unlike the profiled teacher-forced pass, every step projects onto the whole
// vocabulary for every hypothesis, and self-attention reads the k + 1 cached positions at step k.

import { CostTally } from '../cost-tally.js';
import type { MacBreakdown } from '../../onnx/macs-convention.js';
import type { HatPlan } from './architecture.js';

export interface HatTranslationShape {
  readonly batchSize: number;
  readonly sourceLength: number;
  readonly outputLength: number;
  readonly beam: number;
}

/** The encoder graph of the plan: `sentences` sources of `sourceLength` tokens. */
export function hatEncoderMacs(tally: CostTally, plan: HatPlan, sourceLength: number, sentences: number): void {
  const rows = sentences * sourceLength;
  const e = plan.encoderDim;
  const q = plan.qkvDim;
  tally.multiply(rows * e + rows);
  for (const layer of plan.encoderLayers) {
    tally.linear({ inFeatures: e, outFeatures: 3 * q, rows });
    tally.multiply(rows * q);
    tally.matmul(2 * sentences * sourceLength * sourceLength * q);
    tally.linear({ inFeatures: q, outFeatures: e, rows });
    tally.layerNorm(e, rows * e);
    tally.linear({ inFeatures: e, outFeatures: layer.ffn, rows });
    tally.linear({ inFeatures: layer.ffn, outFeatures: e, rows });
    tally.layerNorm(e, rows * e);
  }
}

/** The encoder-decoder attention cache: keys and values of the attended encoder outputs per hypothesis. */
export function hatCrossCacheMacs(tally: CostTally, plan: HatPlan, sourceLength: number, hypotheses: number): void {
  for (const layer of plan.decoderLayers) {
    tally.linear({ inFeatures: plan.encoderDim, outFeatures: 2 * plan.qkvDim, rows: hypotheses * layer.encoderLayersAttended * sourceLength });
  }
}

/** One incremental decoder step with `cached` self-attention positions before this one. */
export function hatDecoderStepMacs(tally: CostTally, plan: HatPlan, sourceLength: number, hypotheses: number, cached: number): void {
  const rows = hypotheses;
  const d = plan.decoderDim;
  const q = plan.qkvDim;
  tally.multiply(rows * d);
  for (const layer of plan.decoderLayers) {
    tally.linear({ inFeatures: d, outFeatures: 3 * q, rows });
    tally.multiply(rows * q);
    tally.matmul(2 * rows * (cached + 1) * q);
    tally.linear({ inFeatures: q, outFeatures: d, rows });
    tally.layerNorm(d, rows * d);
    tally.linear({ inFeatures: d, outFeatures: q, rows });
    tally.multiply(rows * q);
    tally.matmul(2 * rows * layer.encoderLayersAttended * sourceLength * q);
    tally.linear({ inFeatures: q, outFeatures: d, rows });
    tally.layerNorm(d, rows * d);
    tally.linear({ inFeatures: d, outFeatures: layer.ffn, rows });
    tally.linear({ inFeatures: layer.ffn, outFeatures: d, rows });
    tally.layerNorm(d, rows * d);
  }
  tally.linear({ inFeatures: d, outFeatures: plan.vocabSize, rows, bias: false });
}

/** MACs by kind of one whole translation (encoder + cache + all decoder steps); parameters are not tallied. */
export function hatTranslationMacs(plan: HatPlan, shape: HatTranslationShape): MacBreakdown {
  const tally = new CostTally();
  const hypotheses = shape.batchSize * shape.beam;
  hatEncoderMacs(tally, plan, shape.sourceLength, shape.batchSize);
  hatCrossCacheMacs(tally, plan, shape.sourceLength, hypotheses);
  for (let step = 0; step < shape.outputLength; step += 1) hatDecoderStepMacs(tally, plan, shape.sourceLength, hypotheses, step);
  return tally.breakdown();
}
