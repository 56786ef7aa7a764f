// A growing 2-D staircase of mutually non-dominated points (a treap keyed by the first coordinate), with
// the area it dominates: the building block of the 3-D hypervolume, 3-D fronts and the 2-D tracker.

/**
 * Points kept in ascending first coordinate, hence strictly descending second coordinate. Inserting a
 * point removes the points it weakly dominates; each point is inserted and removed at most once, so a
 * sequence of n insertions costs O(n log n) expected time.
 *
 * With a finite reference, `area` is the exact area dominated by the staircase inside the reference box,
 * kept as a sum of the non-negative areas each insertion adds (no cancelling subtractions).
 */
export class Staircase {
  private first: Float64Array;
  private second: Float64Array;
  private left: Int32Array;
  private right: Int32Array;
  private priority: Uint32Array;
  private root = -1;
  private nodeCount = 0;
  private readonly freeNodes: number[] = [];
  private pointCount = 0;
  private dominatedArea = 0;
  private randomState = 0x2545f491;
  /** Results of `split*`: the two halves. */
  private splitLow = -1;
  private splitHigh = -1;
  private readonly stack: number[] = [];
  private readonly measures: boolean;

  constructor(
    private readonly referenceFirst = Infinity,
    private readonly referenceSecond = Infinity,
    initialCapacity = 16,
  ) {
    const capacity = Math.max(1, initialCapacity);
    this.first = new Float64Array(capacity);
    this.second = new Float64Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.priority = new Uint32Array(capacity);
    this.measures = Number.isFinite(referenceFirst) && Number.isFinite(referenceSecond);
  }

  /** Area dominated inside the reference box (0 without a finite reference). */
  get area(): number {
    return this.dominatedArea;
  }

  /** Number of points on the staircase. */
  get size(): number {
    return this.pointCount;
  }

  /** True when some point on the staircase is <= (a, b) in both coordinates. */
  isWeaklyDominated(a: number, b: number): boolean {
    // The point with the largest first coordinate <= a has the smallest second coordinate among those.
    let node = this.root;
    let floor = -1;
    while (node >= 0) {
      if ((this.first[node] as number) <= a) {
        floor = node;
        node = this.right[node] as number;
      } else {
        node = this.left[node] as number;
      }
    }
    return floor >= 0 && (this.second[floor] as number) <= b;
  }

  /**
   * Adds (a, b) unless it is weakly dominated, removing the points it dominates. Returns the area it adds
   * inside the reference box (0 when it is dominated, outside the box, or without a reference), or for a
   * staircase without reference 1 when the point was added and 0 when not.
   */
  insert(a: number, b: number): number {
    if (this.measures && !(a < this.referenceFirst && b < this.referenceSecond)) return 0;
    this.splitByFirst(this.root, a);
    const below = this.splitLow; // first coordinate < a
    const rest = this.splitHigh; // first coordinate >= a
    const lowerNeighbour = this.maxNode(below);
    const upperNeighbour = this.minNode(rest);
    if (
      (lowerNeighbour >= 0 && (this.second[lowerNeighbour] as number) <= b) ||
      (upperNeighbour >= 0 && this.first[upperNeighbour] === a && (this.second[upperNeighbour] as number) <= b)
    ) {
      this.root = this.merge(below, rest);
      return 0;
    }
    // Points with first >= a and second >= b are dominated by (a, b); they form a prefix of `rest`.
    this.splitBySecond(rest, b);
    const dominated = this.splitLow;
    const above = this.splitHigh;
    let added = 1;
    if (this.measures) {
      // Integrate, over first coordinates from a rightwards, the height by which (a, b) lowers the staircase.
      let position = a;
      let height = lowerNeighbour >= 0 ? (this.second[lowerNeighbour] as number) : this.referenceSecond;
      added = 0;
      this.forEachInOrder(dominated, (node) => {
        added += ((this.first[node] as number) - position) * (height - b);
        position = this.first[node] as number;
        height = this.second[node] as number;
      });
      const end = this.minNode(above);
      added += ((end >= 0 ? (this.first[end] as number) : this.referenceFirst) - position) * (height - b);
      this.dominatedArea += added;
    }
    let removed = 0;
    this.forEachInOrder(dominated, (node) => {
      this.freeNodes.push(node);
      removed += 1;
    });
    const node = this.allocate(a, b);
    this.root = this.merge(this.merge(below, node), above);
    this.pointCount += 1 - removed;
    return added;
  }

  /** The staircase points in ascending first coordinate, as [a, b] pairs. */
  points(): number[][] {
    const result: number[][] = [];
    this.forEachInOrder(this.root, (node) => {
      result.push([this.first[node] as number, this.second[node] as number]);
    });
    return result;
  }

  private allocate(a: number, b: number): number {
    let node = this.freeNodes.pop();
    if (node === undefined) {
      if (this.nodeCount === this.first.length) this.grow();
      node = this.nodeCount;
      this.nodeCount += 1;
    }
    this.first[node] = a;
    this.second[node] = b;
    this.left[node] = -1;
    this.right[node] = -1;
    this.priority[node] = this.nextPriority();
    return node;
  }

  private grow(): void {
    const capacity = this.first.length * 2;
    const widen = <T extends Float64Array | Int32Array | Uint32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.first = widen(this.first, new Float64Array(capacity));
    this.second = widen(this.second, new Float64Array(capacity));
    this.left = widen(this.left, new Int32Array(capacity));
    this.right = widen(this.right, new Int32Array(capacity));
    this.priority = widen(this.priority, new Uint32Array(capacity));
  }

  /** Xorshift32: a fixed sequence, so the tree shape (and the floating-point sums) are reproducible. */
  private nextPriority(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0;
    return this.randomState;
  }

  /** Splits `node` into first < key (splitLow) and first >= key (splitHigh). */
  private splitByFirst(node: number, key: number): void {
    if (node < 0) {
      this.splitLow = -1;
      this.splitHigh = -1;
      return;
    }
    if ((this.first[node] as number) < key) {
      this.splitByFirst(this.right[node] as number, key);
      this.right[node] = this.splitLow;
      this.splitLow = node;
    } else {
      this.splitByFirst(this.left[node] as number, key);
      this.left[node] = this.splitHigh;
      this.splitHigh = node;
    }
  }

  /** Splits `node` into second >= key (splitLow, a prefix since second descends) and second < key (splitHigh). */
  private splitBySecond(node: number, key: number): void {
    if (node < 0) {
      this.splitLow = -1;
      this.splitHigh = -1;
      return;
    }
    if ((this.second[node] as number) >= key) {
      this.splitBySecond(this.right[node] as number, key);
      this.right[node] = this.splitLow;
      this.splitLow = node;
    } else {
      this.splitBySecond(this.left[node] as number, key);
      this.left[node] = this.splitHigh;
      this.splitHigh = node;
    }
  }

  /** Joins two trees where every key of `low` is below every key of `high`. */
  private merge(low: number, high: number): number {
    if (low < 0) return high;
    if (high < 0) return low;
    if ((this.priority[low] as number) > (this.priority[high] as number)) {
      this.right[low] = this.merge(this.right[low] as number, high);
      return low;
    }
    this.left[high] = this.merge(low, this.left[high] as number);
    return high;
  }

  private minNode(node: number): number {
    if (node < 0) return -1;
    while ((this.left[node] as number) >= 0) node = this.left[node] as number;
    return node;
  }

  private maxNode(node: number): number {
    if (node < 0) return -1;
    while ((this.right[node] as number) >= 0) node = this.right[node] as number;
    return node;
  }

  private forEachInOrder(node: number, visit: (node: number) => void): void {
    const stack = this.stack;
    stack.length = 0;
    let current = node;
    while (current >= 0 || stack.length > 0) {
      while (current >= 0) {
        stack.push(current);
        current = this.left[current] as number;
      }
      current = stack.pop() as number;
      visit(current);
      current = this.right[current] as number;
    }
  }
}
