// Sharing a batch's slots among the ways of choosing candidates (an end of the front, predicted hypervolume
// improvement, the predicted front) by what each has lately paid: a simple portfolio of acquisition rules.

/**
 * Slots per category of a batch of fixed size. Every category starts at its default count; once picks have been
 * credited, each category with a default keeps one slot and the rest go in proportion to its credit: the mean
 * hypervolume its picks added in a batch, plus `decay` times what it had (so a category that stops paying loses
 * its extra slots within a few batches, and one that pays again wins them back).
 */
export class SlotPortfolio {
  private readonly defaults: readonly number[];
  private readonly decay: number;
  private readonly credit: number[];
  private readonly origin = new Map<string, number>();

  constructor(defaults: readonly number[], decay = 0.5) {
    if (defaults.some((count) => !Number.isInteger(count) || count < 0)) throw new Error(`slot counts must be integers >= 0, got ${defaults.join(', ')}`);
    if (!(decay >= 0 && decay < 1)) throw new Error(`decay must be in [0, 1), got ${decay}`);
    this.defaults = [...defaults];
    this.decay = decay;
    this.credit = defaults.map(() => 0);
  }

  /** Slots per category for the next batch; they always add up to the defaults' total. */
  quotas(): number[] {
    const active = this.defaults.map((count) => count > 0);
    const total = this.defaults.reduce((sum, count) => sum + count, 0);
    const credits = this.credit.map((value, category) => (active[category] === true ? value : 0));
    const sum = credits.reduce((acc, value) => acc + value, 0);
    if (!(sum > 0)) return [...this.defaults];
    const floor = active.map((on) => (on ? 1 : 0));
    const spare = total - floor.reduce((acc: number, value) => acc + value, 0);
    const shares = credits.map((value) => (spare * value) / sum);
    const quotas = shares.map((share, category) => (floor[category] as number) + Math.floor(share));
    let left = total - quotas.reduce((acc, value) => acc + value, 0);
    const order = shares
      .map((share, category) => ({ category, rest: share - Math.floor(share) }))
      .filter(({ category }) => active[category] === true)
      .sort((a, b) => b.rest - a.rest || a.category - b.category);
    for (const { category } of order) {
      if (left <= 0) break;
      quotas[category] = (quotas[category] as number) + 1;
      left -= 1;
    }
    return quotas;
  }

  /** Notes that the candidate `key` was chosen by `category` (the last note for a key wins). */
  record(key: string, category: number): void {
    if (!Number.isInteger(category) || category < 0 || category >= this.defaults.length) throw new Error(`no slot category ${category}`);
    this.origin.set(key, category);
  }

  /** Picks recorded and not yet credited. */
  get pending(): number {
    return this.origin.size;
  }

  /**
   * Credits every category with the mean gain of its recorded picks found in `gains` (key -> hypervolume the
   * pick added; picks missing from it, e.g. failed validations, count as 0), after decaying what each had.
   * Forgets every recorded pick.
   */
  settle(gains: ReadonlyMap<string, number>): void {
    const sums = this.defaults.map(() => 0);
    const counts = this.defaults.map(() => 0);
    for (const [key, category] of this.origin) {
      sums[category] = (sums[category] as number) + (gains.get(key) ?? 0);
      counts[category] = (counts[category] as number) + 1;
    }
    this.credit.forEach((value, category) => {
      const count = counts[category] as number;
      this.credit[category] = this.decay * value + (count > 0 ? (sums[category] as number) / count : 0);
    });
    this.origin.clear();
  }
}
