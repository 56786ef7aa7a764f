// Rank agreement between two measurements of the same items: Kendall's tau-b and Spearman's rho.

function checkPaired(first: readonly number[], second: readonly number[]): void {
  if (first.length !== second.length) throw new RangeError(`paired samples differ in length (${first.length} vs ${second.length})`);
  if (first.length < 2) throw new RangeError('rank correlation needs at least two items');
}

/** Kendall's tau-b (ties in either sample handled), O(n²): meant for benchmark-sized samples. */
export function kendallTau(first: readonly number[], second: readonly number[]): number {
  checkPaired(first, second);
  let concordant = 0;
  let discordant = 0;
  let tiedFirst = 0;
  let tiedSecond = 0;
  for (let i = 0; i < first.length; i += 1) {
    for (let j = i + 1; j < first.length; j += 1) {
      const a = Math.sign((first[i] as number) - (first[j] as number));
      const b = Math.sign((second[i] as number) - (second[j] as number));
      if (a === 0 && b === 0) continue;
      if (a === 0) tiedFirst += 1;
      else if (b === 0) tiedSecond += 1;
      else if (a === b) concordant += 1;
      else discordant += 1;
    }
  }
  const denominator = Math.sqrt((concordant + discordant + tiedFirst) * (concordant + discordant + tiedSecond));
  return denominator === 0 ? 0 : (concordant - discordant) / denominator;
}

/** Ranks from 1, ties given their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { value: number }).value === (order[start] as { value: number }).value) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) ranks[(order[position] as { index: number }).index] = rank;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rho: Pearson correlation of the average ranks. */
export function spearman(first: readonly number[], second: readonly number[]): number {
  checkPaired(first, second);
  const x = averageRanks(first);
  const y = averageRanks(second);
  const meanX = x.reduce((sum, value) => sum + value, 0) / x.length;
  const meanY = y.reduce((sum, value) => sum + value, 0) / y.length;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < x.length; index += 1) {
    const dx = (x[index] as number) - meanX;
    const dy = (y[index] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  return varianceX === 0 || varianceY === 0 ? 0 : covariance / Math.sqrt(varianceX * varianceY);
}
