// NSGA-III niche-preserving selection from the last front (Deb & Jain 2014, Algorithm 4).

import type { Rng } from '../../core/rng.js';

/**
 * Picks `count` members of the last front. `nicheCounts` holds how many already chosen members each
 * direction has (updated in place). Repeatedly: among the directions that still have last-front members,
 * one with the fewest chosen members (ties at random); an empty niche takes its member nearest the
 * direction, any other a random one of its members. Returns positions into the last front, in pick order.
 */
export function nichePreservingSelection(
  rng: Rng,
  nicheCounts: number[],
  niches: readonly number[],
  distances: readonly number[],
  count: number,
): number[] {
  const members = new Map<number, number[]>();
  niches.forEach((niche, position) => {
    const list = members.get(niche);
    if (list === undefined) members.set(niche, [position]);
    else list.push(position);
  });
  const picked: number[] = [];
  while (picked.length < count && members.size > 0) {
    let fewest = Infinity;
    let tied: number[] = [];
    // Ascending direction order, so the random tie-break is reproducible.
    for (const niche of [...members.keys()].sort((left, right) => left - right)) {
      const chosen = nicheCounts[niche] as number;
      if (chosen < fewest) {
        fewest = chosen;
        tied = [niche];
      } else if (chosen === fewest) tied.push(niche);
    }
    const niche = tied.length === 1 ? (tied[0] as number) : (tied[rng.int(tied.length)] as number);
    const list = members.get(niche) as number[];
    let index = 0;
    if (fewest === 0) {
      for (let candidate = 1; candidate < list.length; candidate += 1) {
        if ((distances[list[candidate] as number] as number) < (distances[list[index] as number] as number)) index = candidate;
      }
    } else if (list.length > 1) index = rng.int(list.length);
    picked.push(list[index] as number);
    list.splice(index, 1);
    if (list.length === 0) members.delete(niche);
    nicheCounts[niche] = (nicheCounts[niche] as number) + 1;
  }
  return picked;
}
