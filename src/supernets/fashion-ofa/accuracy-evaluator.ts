// Top-1 accuracy of fashion-ofa sub-networks on the held-out images, computed in-process with onnxruntime.
//
// Each candidate's sub-network is cut out of the trained weights, written as an ONNX graph and run over the
// held-out set (the first 2,000 Fashion-MNIST test images, read from Debian's dataset-fashion-mnist or
// $FASHION_MNIST_DIR); no Python is involved. onnxruntime-node is loaded on first use, so importing this module is cheap.

import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { badInput } from '../../core/errors.js';
import type { Candidate, EvaluationResult, Evaluator } from '../../evaluators/types.js';
import type { Genome } from '../../space/types.js';
import { FASHION_OFA_CLASSES, FASHION_OFA_IMAGE_SIZE, type FashionOfaConfig } from './architecture.js';
import { defaultFashionOfaDirectory, loadHeldOut, WEIGHTS_FILE, type HeldOutSet } from './held-out.js';
import { buildFashionOfaOnnx, FASHION_OFA_INPUT, FASHION_OFA_OUTPUT } from './onnx-graph.js';
import { createFashionOfaSpace, type FashionOfaSpace } from './space.js';
import { FashionOfaWeights } from './weights-file.js';

/** Bumped when the way accuracy is computed changes (the weights' digest is part of the id as well). */
export const FASHION_OFA_ACCURACY_VERSION = 1;

export interface FashionOfaAccuracyEvaluatorOptions {
  /** Folder with fashion-ofa.safetensors; default the checkout's supernets/fashion-ofa. */
  readonly directory?: string;
  /**
   * Folder with Fashion-MNIST's t10k-images-idx3-ubyte(.gz) and t10k-labels-idx1-ubyte(.gz); default
   * `$FASHION_MNIST_DIR`, else /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist).
   */
  readonly dataDirectory?: string;
  /** Images per onnxruntime run. Default 500. */
  readonly imagesPerRun?: number;
  /** onnxruntime intra-op threads. Default 1. */
  readonly threads?: number;
  /** Objective name. Default `accuracy`. */
  readonly objective?: string;
}

type OrtModule = typeof import('onnxruntime-node');

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkInteger(value: number | undefined, fallback: number, field: string, max: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 1 || resolved > max) {
    throw badInput(field, `${resolved} is out of range`, `give an integer from 1 to ${max}`);
  }
  return resolved;
}

export class FashionOfaAccuracyEvaluator implements Evaluator {
  readonly id: string;
  readonly provides: readonly string[];
  readonly imagesPerRun: number;
  readonly threads: number;
  readonly heldOutCount: number;
  private readonly weights: FashionOfaWeights;
  private readonly heldOut: HeldOutSet;
  private readonly fashionSpace: FashionOfaSpace = createFashionOfaSpace();
  private ort: OrtModule | undefined;

  constructor(options: FashionOfaAccuracyEvaluatorOptions = {}) {
    const directory = options.directory ?? defaultFashionOfaDirectory();
    this.imagesPerRun = checkInteger(options.imagesPerRun, 500, 'imagesPerRun', 100_000);
    this.threads = checkInteger(options.threads, 1, 'threads', 256);
    this.weights = FashionOfaWeights.fromFile(join(directory, WEIGHTS_FILE));
    this.heldOut = loadHeldOut(options.dataDirectory);
    this.heldOutCount = this.heldOut.count;
    const objective = options.objective ?? 'accuracy';
    this.provides = [objective];
    this.id = `fashion-ofa-accuracy@${FASHION_OFA_ACCURACY_VERSION}+${this.weights.digest}/heldout-${this.heldOut.count}/onnxruntime-cpu`;
  }

  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    const results: EvaluationResult[] = [];
    for (const candidate of candidates) {
      let config: FashionOfaConfig;
      try {
        config = this.fashionSpace.read(candidate.genome);
      } catch (error) {
        results.push({ ok: false, reason: `not a fashion-ofa genome: ${describeError(error)}`, retryable: false });
        continue;
      }
      try {
        const accuracy = await this.accuracyOf(config);
        results.push({ ok: true, values: { [this.provides[0] as string]: accuracy }, meta: { images: this.heldOut.count } });
      } catch (error) {
        results.push({ ok: false, reason: `onnxruntime failed: ${describeError(error)}`, retryable: false });
      }
    }
    return results;
  }

  /** Accuracy in percent of one config (also usable without going through a Candidate). */
  async accuracyOf(config: FashionOfaConfig): Promise<number> {
    const ort = await this.runtime();
    const session = await ort.InferenceSession.create(buildFashionOfaOnnx(config, this.weights, 'N'), {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
    try {
      return 100 * (await this.countCorrect(ort, session)) / this.heldOut.count;
    } finally {
      await session.release();
    }
  }

  /** Accuracy of a genome of the fashion-ofa space. */
  async accuracyOfGenome(genome: Genome): Promise<number> {
    return this.accuracyOf(this.fashionSpace.read(genome));
  }

  private async countCorrect(ort: OrtModule, session: InferenceSession): Promise<number> {
    const pixels = FASHION_OFA_IMAGE_SIZE * FASHION_OFA_IMAGE_SIZE;
    let correct = 0;
    for (let start = 0; start < this.heldOut.count; start += this.imagesPerRun) {
      const count = Math.min(this.imagesPerRun, this.heldOut.count - start);
      const input = new ort.Tensor('float32', this.heldOut.images.subarray(start * pixels, (start + count) * pixels), [
        count,
        1,
        FASHION_OFA_IMAGE_SIZE,
        FASHION_OFA_IMAGE_SIZE,
      ]);
      const outputs = await session.run({ [FASHION_OFA_INPUT]: input });
      const logits = outputs[FASHION_OFA_OUTPUT]?.data as Float32Array;
      for (let image = 0; image < count; image += 1) {
        if (argmax(logits, image * FASHION_OFA_CLASSES, FASHION_OFA_CLASSES) === this.heldOut.labels[start + image]) correct += 1;
      }
    }
    return correct;
  }

  private async runtime(): Promise<OrtModule> {
    this.ort ??= await import('onnxruntime-node');
    return this.ort;
  }
}

/** Index of the largest of `length` values from `offset`; the first one on ties, as PyTorch's argmax. */
export function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let index = 1; index < length; index += 1) {
    if ((values[offset + index] as number) > (values[offset + best] as number)) best = index;
  }
  return best;
}
