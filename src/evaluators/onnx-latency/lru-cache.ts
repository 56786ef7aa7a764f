// A least-recently-used cache bounded by entry count and total weight (bytes); evicted values are disposed.

export interface LruCacheOptions<V> {
  /** Most entries kept. */
  readonly capacity: number;
  /** Most total weight kept (e.g. model bytes); default unbounded. */
  readonly maxWeight?: number;
  readonly dispose: (value: V, key: string) => Promise<void> | void;
}

interface Entry<V> {
  readonly value: V;
  readonly weight: number;
}

export class LruCache<V> {
  readonly capacity: number;
  readonly maxWeight: number;
  private readonly dispose: (value: V, key: string) => Promise<void> | void;
  private readonly entries = new Map<string, Entry<V>>();
  /** Keys in use by a measurement in progress: never evicted, even over budget. */
  private readonly pinned = new Set<string>();
  private totalWeight = 0;

  constructor(options: LruCacheOptions<V>) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) {
      throw new RangeError(`LRU capacity must be a positive integer, got ${options.capacity}`);
    }
    this.capacity = options.capacity;
    this.maxWeight = options.maxWeight ?? Infinity;
    this.dispose = options.dispose;
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value, marked most recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  pin(key: string): void {
    this.pinned.add(key);
  }

  unpinAll(): void {
    this.pinned.clear();
  }

  /** Stores a value, then disposes of least recently used unpinned entries while over count or weight. */
  async set(key: string, value: V, weight = 0): Promise<void> {
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.totalWeight -= previous.weight;
    }
    this.entries.set(key, { value, weight });
    this.totalWeight += weight;
    if (previous !== undefined && previous.value !== value) await this.dispose(previous.value, key);
    for (const [oldestKey, oldest] of [...this.entries.entries()]) {
      if (this.entries.size <= this.capacity && this.totalWeight <= this.maxWeight) break;
      if (this.pinned.has(oldestKey) || oldestKey === key) continue;
      this.entries.delete(oldestKey);
      this.totalWeight -= oldest.weight;
      await this.dispose(oldest.value, oldestKey);
    }
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  async clear(): Promise<void> {
    const all = [...this.entries.entries()];
    this.entries.clear();
    this.pinned.clear();
    this.totalWeight = 0;
    for (const [key, entry] of all) await this.dispose(entry.value, key);
  }
}
