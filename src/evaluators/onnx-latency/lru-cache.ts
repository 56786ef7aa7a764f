// A small least-recently-used cache whose evicted values are disposed (sessions hold native memory).

export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    readonly capacity: number,
    private readonly dispose: (value: V, key: string) => Promise<void> | void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`LRU capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The value, marked most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores a value, disposing of the least recently used entries beyond capacity. */
  async set(key: string, value: V): Promise<void> {
    const previous = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    if (previous !== undefined && previous !== value) await this.dispose(previous, key);
    while (this.entries.size > this.capacity) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, V];
      this.entries.delete(oldestKey);
      await this.dispose(oldest, oldestKey);
    }
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  async clear(): Promise<void> {
    const all = [...this.entries.entries()];
    this.entries.clear();
    for (const [key, value] of all) await this.dispose(value, key);
  }
}
