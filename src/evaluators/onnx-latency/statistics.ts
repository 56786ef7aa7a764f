// Summary statistics of repeated timings: median, percentiles, spread.

export interface TimingSummary {
  readonly count: number;
  readonly medianMs: number;
  readonly meanMs: number;
  readonly minMs: number;
  /** 10th percentile: the typical undisturbed run when other work shares the machine. */
  readonly p10Ms: number;
  readonly p90Ms: number;
  /** Sample standard deviation / mean. */
  readonly cv: number;
  /** 1.4826 × median absolute deviation / median: the spread ignoring outliers (equals cv for normal data). */
  readonly robustCv: number;
}

/** Quantile with linear interpolation between order statistics (numpy's default); `sorted` ascending. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (position - low);
}

export function median(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}

export function summarizeTimings(samplesMs: readonly number[]): TimingSummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const count = sorted.length;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / count;
  const variance = count > 1 ? sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1) : 0;
  const middle = quantileSorted(sorted, 0.5);
  const deviations = sorted.map((value) => Math.abs(value - middle));
  return {
    count,
    medianMs: middle,
    meanMs: mean,
    minMs: sorted[0] as number,
    p10Ms: quantileSorted(sorted, 0.1),
    p90Ms: quantileSorted(sorted, 0.9),
    cv: mean > 0 ? Math.sqrt(variance) / mean : 0,
    robustCv: middle > 0 ? (1.4826 * median(deviations)) / middle : 0,
  };
}
