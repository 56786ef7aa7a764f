// Gradient-boosted regression trees (least squares) with shrinkage, row and column subsampling, all seeded.

import type { Rng } from '../../core/rng.js';
import { notFittedError, packPredictionRows, packTrainingData } from '../common/dataset.js';
import { checkOptionKeys, choiceOption, numberOption } from '../common/options.js';
import { TARGET_TRANSFORM_KINDS, type TargetTransform, type TargetTransformKind, fitTargetTransform } from '../common/target-transform.js';
import { sampleWithoutReplacement } from '../common/random.js';
import type { Predictor } from '../types.js';
import { MAX_BINS_LIMIT, binFeatures } from './feature-bins.js';
import { TreeGrower, TreeNodes } from './regression-tree.js';

export interface GbdtOptions {
  /** Number of trees; default 200. */
  readonly trees?: number;
  /** Shrinkage applied to every tree; default 0.1. */
  readonly learningRate?: number;
  /** Depth of each tree (1 = stumps); default 3. */
  readonly maxDepth?: number;
  /** Fewest training rows in a leaf; default 2. */
  readonly minSamplesLeaf?: number;
  /** Share of rows drawn (without replacement) for each tree; default 0.8. */
  readonly subsample?: number;
  /** Share of columns each tree may split on; default 1. */
  readonly columnSample?: number;
  /** L2 penalty on leaf values; default 1. */
  readonly l2?: number;
  /** Most bins per column (columns with more distinct values get equal-count bins); default 64, at most 256. */
  readonly maxBins?: number;
  /** Scale the model learns on: 'standardize' (default) or 'rank' (standardised ranks, robust to extreme targets). */
  readonly targetTransform?: TargetTransformKind;
}

export const GBDT_OPTION_KEYS: readonly string[] = [
  'trees',
  'learningRate',
  'maxDepth',
  'minSamplesLeaf',
  'subsample',
  'columnSample',
  'l2',
  'maxBins',
  'targetTransform',
];

interface GbdtModel {
  readonly columnCount: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly targetTransform: TargetTransform;
}

export class GbdtPredictor implements Predictor {
  readonly name = 'gbdt';
  private readonly rng: Rng;
  private readonly trees: number;
  private readonly learningRate: number;
  private readonly maxDepth: number;
  private readonly minSamplesLeaf: number;
  private readonly subsample: number;
  private readonly columnSample: number;
  private readonly l2: number;
  private readonly maxBins: number;
  private readonly targetTransform: TargetTransformKind;
  private model: GbdtModel | undefined;

  constructor(rng: Rng, options: GbdtOptions = {}) {
    const record = checkOptionKeys('gbdt', options, GBDT_OPTION_KEYS);
    this.rng = rng;
    this.trees = numberOption('gbdt', 'trees', record['trees'], 200, { min: 1, max: 100_000, integer: true });
    this.learningRate = numberOption('gbdt', 'learningRate', record['learningRate'], 0.1, { min: 0, minExclusive: true, max: 1 });
    this.maxDepth = numberOption('gbdt', 'maxDepth', record['maxDepth'], 3, { min: 1, max: 30, integer: true });
    this.minSamplesLeaf = numberOption('gbdt', 'minSamplesLeaf', record['minSamplesLeaf'], 2, { min: 1, integer: true });
    this.subsample = numberOption('gbdt', 'subsample', record['subsample'], 0.8, { min: 0, minExclusive: true, max: 1 });
    this.columnSample = numberOption('gbdt', 'columnSample', record['columnSample'], 1, { min: 0, minExclusive: true, max: 1 });
    this.l2 = numberOption('gbdt', 'l2', record['l2'], 1, { min: 0 });
    this.maxBins = numberOption('gbdt', 'maxBins', record['maxBins'], 64, { min: 2, max: MAX_BINS_LIMIT, integer: true });
    this.targetTransform = choiceOption('gbdt', 'targetTransform', record['targetTransform'], 'standardize', TARGET_TRANSFORM_KINDS);
  }

  fit(features: readonly Float64Array[], targets: readonly number[]): void {
    const data = packTrainingData(features, targets);
    const transformed = fitTargetTransform(data.targets, this.targetTransform);
    const bins = binFeatures(data.rows, this.maxBins);
    const { rowCount: n, columnCount: d } = data.rows;
    const grower = new TreeGrower(bins, {
      maxDepth: this.maxDepth,
      minSamplesLeaf: this.minSamplesLeaf,
      l2: this.l2,
      learningRate: this.learningRate,
    });
    const nodes = new TreeNodes();
    const roots = new Int32Array(this.trees);
    const fitted = new Float64Array(n);
    const residuals = new Float64Array(n);
    const rowsPerTree = Math.max(1, Math.round(this.subsample * n));
    const columnsPerTree = Math.max(1, Math.round(this.columnSample * d));
    const allRows = Int32Array.from({ length: n }, (_, row) => row);
    const allColumns = Int32Array.from({ length: d }, (_, column) => column);

    for (let tree = 0; tree < this.trees; tree += 1) {
      for (let row = 0; row < n; row += 1) residuals[row] = (transformed.values[row] as number) - (fitted[row] as number);
      const rows = rowsPerTree < n ? sampleWithoutReplacement(n, rowsPerTree, this.rng) : allRows.slice();
      const columns = columnsPerTree < d ? sampleWithoutReplacement(d, columnsPerTree, this.rng).sort() : allColumns;
      const root = grower.grow(nodes, residuals, rows, columns);
      roots[tree] = root;
      // Every training row (also those left out of this tree's sample) moves by the tree's output.
      for (let row = 0; row < n; row += 1) {
        let node = root;
        while ((nodes.feature[node] as number) >= 0) {
          const feature = nodes.feature[node] as number;
          const goesLeft = (bins.codes[feature * n + row] as number) <= (nodes.splitBin[node] as number);
          node = goesLeft ? (nodes.left[node] as number) : (nodes.right[node] as number);
        }
        fitted[row] = (fitted[row] as number) + (nodes.value[node] as number);
      }
    }

    this.model = {
      columnCount: d,
      roots,
      feature: Int32Array.from(nodes.feature),
      threshold: Float64Array.from(nodes.threshold),
      left: Int32Array.from(nodes.left),
      right: Int32Array.from(nodes.right),
      value: Float64Array.from(nodes.value),
      targetTransform: transformed,
    };
  }

  /** Nodes over all trees of the last fit (a size measure); 0 before fit. */
  get nodeCount(): number {
    return this.model?.feature.length ?? 0;
  }

  predict(features: readonly Float64Array[]): Float64Array {
    const model = this.model;
    if (model === undefined) throw notFittedError(this.name);
    const rows = packPredictionRows(features, model.columnCount);
    const { feature, threshold, left, right, value, roots } = model;
    const d = model.columnCount;
    const result = new Float64Array(rows.rowCount);
    for (let row = 0; row < rows.rowCount; row += 1) {
      const offset = row * d;
      let sum = 0;
      for (let tree = 0; tree < roots.length; tree += 1) {
        let node = roots[tree] as number;
        while ((feature[node] as number) >= 0) {
          const goesLeft = (rows.values[offset + (feature[node] as number)] as number) <= (threshold[node] as number);
          node = goesLeft ? (left[node] as number) : (right[node] as number);
        }
        sum += value[node] as number;
      }
      result[row] = model.targetTransform.toTarget(sum);
    }
    return result;
  }
}
