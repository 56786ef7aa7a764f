// A small multi-layer perceptron regressor: ReLU or tanh layers, AdamW, early stopping on a held-out split.
//
// Inputs are scaled by column max |value| (zeros stay zeros) and the first layer skips zero inputs, so one-hot
// genomes cost what their active genes cost. Weights of a layer are stored input-major (w[i * out + o]) so that
// both the forward pass and the gradient run over contiguous memory.

import type { Rng } from '../../core/rng.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { checkOptionKeys, choiceOption, numberListOption, numberOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { normalDraw, sampleWithoutReplacement } from '../common/random.js';
import { maxAbsScales, scaleColumns } from '../common/scaling.js';
import { type SparseRows, toSparseRows } from '../common/sparse-rows.js';
import type { Predictor } from '../types.js';

export type MlpActivation = 'relu' | 'tanh';

export interface MlpOptions {
  /** Widths of the hidden layers (one or two usually); default [32]. */
  readonly hiddenLayers?: readonly number[];
  /** Default 'relu'. */
  readonly activation?: MlpActivation;
  /** Adam step size; default 0.01. */
  readonly learningRate?: number;
  /** Decoupled weight decay (AdamW: each step shrinks weights by learningRate * weightDecay; biases excluded); default 0.1. */
  readonly weightDecay?: number;
  /** Rows per Adam step; default 32. */
  readonly batchSize?: number;
  /** Default 100. */
  readonly maxEpochs?: number;
  /** Epochs without a better validation loss before stopping; default 20. */
  readonly patience?: number;
  /** Share of rows held out for early stopping; default 0.15 (none when that would be fewer than 20 rows). */
  readonly validationFraction?: number;
  /** Scale the model learns on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
}

export const MLP_OPTION_KEYS: readonly string[] = [
  'hiddenLayers',
  'activation',
  'learningRate',
  'weightDecay',
  'batchSize',
  'maxEpochs',
  'patience',
  'validationFraction',
  'targetTransform',
];

const MIN_VALIDATION_ROWS = 20;
const MIN_RELATIVE_IMPROVEMENT = 1e-3;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-8;

/** Layer sizes and where each layer's weights and biases sit in the flat parameter vector. */
interface Layout {
  readonly sizes: Int32Array;
  readonly weightOffsets: Int32Array;
  readonly biasOffsets: Int32Array;
  readonly parameterCount: number;
}

function layoutOf(sizes: readonly number[]): Layout {
  const layers = sizes.length - 1;
  const weightOffsets = new Int32Array(layers);
  const biasOffsets = new Int32Array(layers);
  let offset = 0;
  for (let layer = 0; layer < layers; layer += 1) {
    weightOffsets[layer] = offset;
    offset += (sizes[layer] as number) * (sizes[layer + 1] as number);
    biasOffsets[layer] = offset;
    offset += sizes[layer + 1] as number;
  }
  return { sizes: Int32Array.from(sizes), weightOffsets, biasOffsets, parameterCount: offset };
}

/** Forward and backward passes for one row at a time, with reusable activation buffers. */
class Network {
  readonly layout: Layout;
  readonly params: Float64Array;
  private readonly tanh: boolean;
  /** Post-activation outputs per layer (layer 0 unused: inputs are sparse). */
  private readonly activations: Float64Array[];
  private readonly deltas: Float64Array[];

  constructor(layout: Layout, params: Float64Array, activation: MlpActivation) {
    this.layout = layout;
    this.params = params;
    this.tanh = activation === 'tanh';
    this.activations = Array.from(layout.sizes, (size) => new Float64Array(size));
    this.deltas = Array.from(layout.sizes, (size) => new Float64Array(size));
  }

  /** Output for row `row` of `input`. */
  forward(input: SparseRows, row: number): number {
    const { sizes, weightOffsets, biasOffsets } = this.layout;
    const params = this.params;
    const layers = sizes.length - 1;
    for (let layer = 0; layer < layers; layer += 1) {
      const outSize = sizes[layer + 1] as number;
      const out = this.activations[layer + 1] as Float64Array;
      const weightOffset = weightOffsets[layer] as number;
      const biasOffset = biasOffsets[layer] as number;
      for (let o = 0; o < outSize; o += 1) out[o] = params[biasOffset + o] as number;
      if (layer === 0) {
        for (let entry = input.starts[row] as number; entry < (input.starts[row + 1] as number); entry += 1) {
          const value = input.values[entry] as number;
          const base = weightOffset + (input.columns[entry] as number) * outSize;
          for (let o = 0; o < outSize; o += 1) out[o] = (out[o] as number) + value * (params[base + o] as number);
        }
      } else {
        const inp = this.activations[layer] as Float64Array;
        const inSize = sizes[layer] as number;
        for (let i = 0; i < inSize; i += 1) {
          const value = inp[i] as number;
          if (value === 0) continue;
          const base = weightOffset + i * outSize;
          for (let o = 0; o < outSize; o += 1) out[o] = (out[o] as number) + value * (params[base + o] as number);
        }
      }
      if (layer < layers - 1) {
        if (this.tanh) for (let o = 0; o < outSize; o += 1) out[o] = Math.tanh(out[o] as number);
        else for (let o = 0; o < outSize; o += 1) if ((out[o] as number) < 0) out[o] = 0;
      }
    }
    return (this.activations[layers] as Float64Array)[0] as number;
  }

  /** Adds d(loss)/d(params) to `gradients` for the row just passed forward, given d(loss)/d(output). */
  backward(input: SparseRows, row: number, outputGradient: number, gradients: Float64Array): void {
    const { sizes, weightOffsets, biasOffsets } = this.layout;
    const params = this.params;
    const layers = sizes.length - 1;
    (this.deltas[layers] as Float64Array)[0] = outputGradient;
    for (let layer = layers - 1; layer >= 0; layer -= 1) {
      const outSize = sizes[layer + 1] as number;
      const delta = this.deltas[layer + 1] as Float64Array;
      const weightOffset = weightOffsets[layer] as number;
      const biasOffset = biasOffsets[layer] as number;
      for (let o = 0; o < outSize; o += 1) gradients[biasOffset + o] = (gradients[biasOffset + o] as number) + (delta[o] as number);
      if (layer === 0) {
        for (let entry = input.starts[row] as number; entry < (input.starts[row + 1] as number); entry += 1) {
          const value = input.values[entry] as number;
          const base = weightOffset + (input.columns[entry] as number) * outSize;
          for (let o = 0; o < outSize; o += 1) gradients[base + o] = (gradients[base + o] as number) + value * (delta[o] as number);
        }
        break;
      }
      const inSize = sizes[layer] as number;
      const inp = this.activations[layer] as Float64Array;
      const previous = this.deltas[layer] as Float64Array;
      for (let i = 0; i < inSize; i += 1) {
        const value = inp[i] as number;
        // A ReLU unit at zero adds nothing to its outgoing weights' gradients and passes nothing back.
        if (!this.tanh && value === 0) {
          previous[i] = 0;
          continue;
        }
        const base = weightOffset + i * outSize;
        let back = 0;
        for (let o = 0; o < outSize; o += 1) {
          const d = delta[o] as number;
          gradients[base + o] = (gradients[base + o] as number) + value * d;
          back += (params[base + o] as number) * d;
        }
        previous[i] = this.tanh ? back * (1 - value * value) : back;
      }
    }
  }
}

export class MlpPredictor implements Predictor {
  readonly name = 'mlp';
  private readonly rng: Rng;
  private readonly hiddenLayers: readonly number[];
  private readonly activation: MlpActivation;
  private readonly learningRate: number;
  private readonly weightDecay: number;
  private readonly batchSize: number;
  private readonly maxEpochs: number;
  private readonly patience: number;
  private readonly validationFraction: number;
  private readonly targetTransform: TargetTransformKind;
  private model: { network: Network; columnScales: Float64Array; targetTransform: TargetTransform } | undefined;
  private epochs = 0;

  constructor(rng: Rng, options: MlpOptions = {}) {
    const record = checkOptionKeys('mlp', options, MLP_OPTION_KEYS);
    this.rng = rng;
    this.hiddenLayers = numberListOption('mlp', 'hiddenLayers', record['hiddenLayers'], [32], { min: 1, max: 4096, integer: true });
    this.activation = choiceOption('mlp', 'activation', record['activation'], 'relu', ['relu', 'tanh']);
    this.learningRate = numberOption('mlp', 'learningRate', record['learningRate'], 0.01, { min: 0, minExclusive: true, max: 1 });
    this.weightDecay = numberOption('mlp', 'weightDecay', record['weightDecay'], 0.1, { min: 0, max: 100 });
    this.batchSize = numberOption('mlp', 'batchSize', record['batchSize'], 32, { min: 1, integer: true });
    this.maxEpochs = numberOption('mlp', 'maxEpochs', record['maxEpochs'], 100, { min: 1, integer: true });
    this.patience = numberOption('mlp', 'patience', record['patience'], 20, { min: 1, integer: true });
    this.validationFraction = numberOption('mlp', 'validationFraction', record['validationFraction'], 0.15, { min: 0, max: 0.5 });
    this.targetTransform = choiceOption('mlp', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
  }

  /** Epochs run by the last fit (early stopping included); 0 before fit. */
  get epochsRun(): number {
    return this.epochs;
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const columnScales = maxAbsScales(data.rows);
    const input = toSparseRows(scaleColumns(data.rows, columnScales));
    const transformed = fitTargetTransform(data.targets, this.targetTransform);
    const n = data.rows.rowCount;
    const layout = layoutOf([data.rows.columnCount, ...this.hiddenLayers, 1]);
    const params = new Float64Array(layout.parameterCount);
    this.initialize(layout, params, input.values.length / n);
    const network = new Network(layout, params, this.activation);

    const validationCount = Math.floor(n * this.validationFraction);
    const useValidation = validationCount >= MIN_VALIDATION_ROWS && n - validationCount >= MIN_VALIDATION_ROWS;
    const shuffled = sampleWithoutReplacement(n, n, this.rng);
    const validationRows = useValidation ? shuffled.slice(0, validationCount) : new Int32Array(0);
    const trainRows = useValidation ? shuffled.slice(validationCount) : shuffled;

    const gradients = new Float64Array(layout.parameterCount);
    const moment1 = new Float64Array(layout.parameterCount);
    const moment2 = new Float64Array(layout.parameterCount);
    const best = params.slice();
    let bestLoss = Number.POSITIVE_INFINITY;
    let sinceBest = 0;
    let step = 0;
    let epoch = 0;
    for (; epoch < this.maxEpochs; epoch += 1) {
      // Seeded reshuffle of the training rows (Fisher-Yates).
      for (let index = trainRows.length - 1; index > 0; index -= 1) {
        const pick = this.rng.int(index + 1);
        const swap = trainRows[index] as number;
        trainRows[index] = trainRows[pick] as number;
        trainRows[pick] = swap;
      }
      for (let start = 0; start < trainRows.length; start += this.batchSize) {
        const end = Math.min(start + this.batchSize, trainRows.length);
        gradients.fill(0);
        const share = 1 / (end - start);
        for (let position = start; position < end; position += 1) {
          const row = trainRows[position] as number;
          const output = network.forward(input, row);
          network.backward(input, row, (output - (transformed.values[row] as number)) * share, gradients);
        }
        step += 1;
        this.adamStep(layout, params, gradients, moment1, moment2, step);
      }
      if (!useValidation) continue;
      let loss = 0;
      for (const row of validationRows) {
        const error = network.forward(input, row) - (transformed.values[row] as number);
        loss += error * error;
      }
      // The best weights are always kept, but improvements under 0.1% do not reset the patience: a slow creep is
      // not worth the epochs.
      sinceBest = loss < bestLoss * (1 - MIN_RELATIVE_IMPROVEMENT) ? 0 : sinceBest + 1;
      if (loss < bestLoss) {
        bestLoss = loss;
        best.set(params);
      }
      if (sinceBest >= this.patience) {
        epoch += 1;
        break;
      }
    }
    if (useValidation) params.set(best);
    this.epochs = epoch;
    this.model = { network, columnScales, targetTransform: transformed };
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.model;
    if (model === undefined) throw notFittedError(this.name);
    const input = toSparseRows(scaleColumns(packPredictionRows(features, model.columnScales.length), model.columnScales));
    const result = new Float64Array(features.length);
    for (let row = 0; row < features.length; row += 1) result[row] = model.targetTransform.toTarget(model.network.forward(input, row));
    return result;
  }

  /**
   * He (ReLU) or Glorot-style (tanh) normal weights, zero biases. The first layer's fan-in is the mean number of
   * non-zero inputs per row, not the column count: a one-hot row feeds only its active genes. The output layer
   * starts at zero, so the untrained network predicts the mean target (and a constant target is fitted exactly).
   */
  private initialize(layout: Layout, params: Float64Array, meanNonZero: number): void {
    const gain = this.activation === 'relu' ? 2 : 1;
    const layers = layout.sizes.length - 1;
    for (let layer = 0; layer < layers - 1; layer += 1) {
      const fanIn = layer === 0 ? Math.max(1, meanNonZero) : (layout.sizes[layer] as number);
      const std = Math.sqrt(gain / fanIn);
      const count = (layout.sizes[layer] as number) * (layout.sizes[layer + 1] as number);
      const offset = layout.weightOffsets[layer] as number;
      for (let index = 0; index < count; index += 1) params[offset + index] = std * normalDraw(this.rng);
    }
  }

  private adamStep(layout: Layout, params: Float64Array, gradients: Float64Array, moment1: Float64Array, moment2: Float64Array, step: number): void {
    const correction1 = 1 / (1 - ADAM_BETA1 ** step);
    const correction2 = 1 / (1 - ADAM_BETA2 ** step);
    const rate = this.learningRate;
    for (let index = 0; index < params.length; index += 1) {
      const gradient = gradients[index] as number;
      const first = ADAM_BETA1 * (moment1[index] as number) + (1 - ADAM_BETA1) * gradient;
      const second = ADAM_BETA2 * (moment2[index] as number) + (1 - ADAM_BETA2) * gradient * gradient;
      moment1[index] = first;
      moment2[index] = second;
      params[index] = (params[index] as number) - (rate * first * correction1) / (Math.sqrt(second * correction2) + ADAM_EPSILON);
    }
    if (this.weightDecay === 0) return;
    // Decoupled decay (AdamW) on weights only.
    const shrink = 1 - rate * this.weightDecay;
    for (let layer = 0; layer < layout.weightOffsets.length; layer += 1) {
      const start = layout.weightOffsets[layer] as number;
      const end = layout.biasOffsets[layer] as number;
      for (let index = start; index < end; index += 1) params[index] = (params[index] as number) * shrink;
    }
  }
}
