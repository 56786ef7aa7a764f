// Growing one least-squares regression tree on binned features, depth first, with histogram subtraction.

import type { FeatureBins } from './feature-bins.js';

export interface TreeSettings {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  readonly l2: number;
  /** Multiplier applied to every leaf value. */
  readonly learningRate: number;
}

/**
 * Nodes of many trees in parallel growable lists. A leaf has feature -1 and a value; a split sends rows with
 * bin <= splitBin (raw value <= threshold) left.
 */
export class TreeNodes {
  readonly feature: number[] = [];
  readonly splitBin: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];

  add(): number {
    this.feature.push(-1);
    this.splitBin.push(0);
    this.threshold.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(0);
    return this.feature.length - 1;
  }
}

interface Histogram {
  readonly sums: Float64Array;
  readonly counts: Int32Array;
}

/**
 * Smallest gain that counts as an improvement, in standardised units. Absolute and tiny on purpose: a relative
 * floor would stop boosting once residuals get small, leaving exact (noise-free) fits short of exact.
 */
const MIN_GAIN = 1e-24;

/** Builds trees over one binned training set; reuses histogram buffers across nodes and trees. */
export class TreeGrower {
  private readonly bins: FeatureBins;
  private readonly settings: TreeSettings;
  private readonly pool: Histogram[] = [];
  private gradients: Float64Array = new Float64Array(0);
  private order: Int32Array = new Int32Array(0);
  private features: Int32Array = new Int32Array(0);
  private nodes: TreeNodes = new TreeNodes();

  constructor(bins: FeatureBins, settings: TreeSettings) {
    this.bins = bins;
    this.settings = settings;
  }

  /**
   * Grows one tree fitting `gradients` (residuals) on the rows listed in `rows` (reordered in place), splitting only
   * on `features`; appends it to `nodes` and returns its root.
   */
  grow(nodes: TreeNodes, gradients: Float64Array, rows: Int32Array, features: Int32Array): number {
    this.nodes = nodes;
    this.gradients = gradients;
    this.order = rows;
    this.features = features;
    let sum = 0;
    for (let position = 0; position < rows.length; position += 1) sum += gradients[rows[position] as number] as number;
    return this.growNode(0, rows.length, 0, sum, undefined);
  }

  private acquire(): Histogram {
    return this.pool.pop() ?? { sums: new Float64Array(this.bins.totalBins), counts: new Int32Array(this.bins.totalBins) };
  }

  private release(histogram: Histogram): void {
    this.pool.push(histogram);
  }

  /**
   * Counts the node's rows into a histogram over all columns. Only bins other than each column's default are
   * visited (one-hot rows touch just their active genes); the default bin gets the node total minus the rest.
   */
  private fillHistogram(histogram: Histogram, start: number, end: number): void {
    const { binOffsets, binCounts, defaultBins, rowStarts, rowSlots, columnCount } = this.bins;
    const { sums, counts } = histogram;
    const order = this.order;
    const gradients = this.gradients;
    sums.fill(0);
    counts.fill(0);
    let total = 0;
    for (let position = start; position < end; position += 1) {
      const row = order[position] as number;
      const gradient = gradients[row] as number;
      total += gradient;
      const stop = rowStarts[row + 1] as number;
      for (let entry = rowStarts[row] as number; entry < stop; entry += 1) {
        const slot = rowSlots[entry] as number;
        sums[slot] = (sums[slot] as number) + gradient;
        counts[slot] = (counts[slot] as number) + 1;
      }
    }
    const rows = end - start;
    for (let feature = 0; feature < columnCount; feature += 1) {
      const offset = binOffsets[feature] as number;
      const stop = offset + (binCounts[feature] as number);
      let otherSum = 0;
      let otherCount = 0;
      for (let slot = offset; slot < stop; slot += 1) {
        otherSum += sums[slot] as number;
        otherCount += counts[slot] as number;
      }
      const defaultSlot = offset + (defaultBins[feature] as number);
      sums[defaultSlot] = total - otherSum;
      counts[defaultSlot] = rows - otherCount;
    }
  }

  private growNode(start: number, end: number, depth: number, sum: number, given: Histogram | undefined): number {
    const node = this.nodes.add();
    const count = end - start;
    const { maxDepth, minSamplesLeaf, l2, learningRate } = this.settings;
    const leafValue = (learningRate * sum) / (count + l2);
    if (depth >= maxDepth || count < 2 * minSamplesLeaf) {
      this.nodes.value[node] = leafValue;
      if (given !== undefined) this.release(given);
      return node;
    }
    let histogram = given;
    if (histogram === undefined) {
      histogram = this.acquire();
      this.fillHistogram(histogram, start, end);
    }

    const { binOffsets, binCounts } = this.bins;
    const { sums, counts } = histogram;
    const parentScore = (sum * sum) / (count + l2);
    let bestGain = MIN_GAIN;
    let bestFeature = -1;
    let bestBin = -1;
    let bestLeftSum = 0;
    let bestLeftCount = 0;
    for (const feature of this.features) {
      const offset = binOffsets[feature] as number;
      const lastSplit = (binCounts[feature] as number) - 1;
      let leftSum = 0;
      let leftCount = 0;
      for (let bin = 0; bin < lastSplit; bin += 1) {
        const binCount = counts[offset + bin] as number;
        if (binCount === 0) continue;
        leftSum += sums[offset + bin] as number;
        leftCount += binCount;
        if (leftCount < minSamplesLeaf) continue;
        const rightCount = count - leftCount;
        if (rightCount < minSamplesLeaf) break;
        const rightSum = sum - leftSum;
        const gain = (leftSum * leftSum) / (leftCount + l2) + (rightSum * rightSum) / (rightCount + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = feature;
          bestBin = bin;
          bestLeftSum = leftSum;
          bestLeftCount = leftCount;
        }
      }
    }
    if (bestFeature < 0) {
      this.nodes.value[node] = leafValue;
      this.release(histogram);
      return node;
    }

    // Partition rows in place: bin <= bestBin first.
    const base = bestFeature * this.bins.rowCount;
    let middle = start;
    for (let position = start; position < end; position += 1) {
      const row = this.order[position] as number;
      if ((this.bins.codes[base + row] as number) <= bestBin) {
        this.order[position] = this.order[middle] as number;
        this.order[middle] = row;
        middle += 1;
      }
    }

    // Histogram of the smaller child is counted; the larger one's is the parent's minus it.
    const leftIsSmaller = bestLeftCount <= count - bestLeftCount;
    const small = this.acquire();
    if (leftIsSmaller) this.fillHistogram(small, start, middle);
    else this.fillHistogram(small, middle, end);
    for (let slot = 0; slot < sums.length; slot += 1) {
      sums[slot] = (sums[slot] as number) - (small.sums[slot] as number);
      counts[slot] = (counts[slot] as number) - (small.counts[slot] as number);
    }
    const leftHistogram = leftIsSmaller ? small : histogram;
    const rightHistogram = leftIsSmaller ? histogram : small;

    this.nodes.feature[node] = bestFeature;
    this.nodes.splitBin[node] = bestBin;
    this.nodes.threshold[node] = this.bins.cuts[bestFeature]?.[bestBin] as number;
    this.nodes.left[node] = this.growNode(start, middle, depth + 1, bestLeftSum, leftHistogram);
    this.nodes.right[node] = this.growNode(middle, end, depth + 1, sum - bestLeftSum, rightHistogram);
    return node;
  }
}
