// Test helper: the Pareto front by the definition (every pair compared), independent of the indicators code.

/** Positions of the points no other point dominates (all objectives minimised). O(n^2), for tests only. */
export function bruteForceFront(points: readonly (readonly number[])[]): number[] {
  const front: number[] = [];
  for (let candidate = 0; candidate < points.length; candidate += 1) {
    const point = points[candidate] as readonly number[];
    let dominated = false;
    for (let other = 0; other < points.length && !dominated; other += 1) {
      const rival = points[other] as readonly number[];
      let noWorse = true;
      let better = false;
      for (let objective = 0; objective < point.length; objective += 1) {
        const difference = (rival[objective] as number) - (point[objective] as number);
        if (difference > 0) {
          noWorse = false;
          break;
        }
        if (difference < 0) better = true;
      }
      dominated = noWorse && better;
    }
    if (!dominated) front.push(candidate);
  }
  return front;
}
