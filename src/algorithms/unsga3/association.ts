// NSGA-III association: each normalised point belongs to the reference direction nearest to it (perpendicular distance).

/** Euclidean distance from `point` to the line through the origin along `direction`. */
export function perpendicularDistance(point: readonly number[], direction: readonly number[]): number {
  let dot = 0;
  let directionSquared = 0;
  for (let index = 0; index < point.length; index += 1) {
    dot += (point[index] as number) * (direction[index] as number);
    directionSquared += (direction[index] as number) ** 2;
  }
  const t = dot / directionSquared;
  let squared = 0;
  for (let index = 0; index < point.length; index += 1) squared += ((point[index] as number) - t * (direction[index] as number)) ** 2;
  return Math.sqrt(squared);
}

export interface Association {
  /** Index of the nearest direction of each point (ties: the lower index). */
  readonly niche: number[];
  /** Its perpendicular distance. */
  readonly distance: number[];
}

export function associate(normalized: readonly (readonly number[])[], directions: readonly (readonly number[])[]): Association {
  const niche: number[] = [];
  const distance: number[] = [];
  for (const point of normalized) {
    let best = 0;
    let bestDistance = Infinity;
    directions.forEach((direction, index) => {
      const value = perpendicularDistance(point, direction);
      if (value < bestDistance) {
        best = index;
        bestDistance = value;
      }
    });
    niche.push(best);
    distance.push(bestDistance);
  }
  return { niche, distance };
}
