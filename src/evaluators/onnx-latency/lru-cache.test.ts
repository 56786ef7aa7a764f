import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry and disposes of it', async () => {
    const disposed: string[] = [];
    const cache = new LruCache<number>(2, (_, key) => {
      disposed.push(key);
    });
    await cache.set('a', 1);
    await cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    await cache.set('c', 3);
    expect(disposed).toEqual(['b']);
    expect(cache.keys()).toEqual(['a', 'c']);
    await cache.set('a', 10);
    expect(disposed).toEqual(['b', 'a']); // the replaced value is disposed too
    await cache.clear();
    expect(cache.size).toBe(0);
    expect(disposed.sort()).toEqual(['a', 'a', 'b', 'c']);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache<number>(0, () => undefined)).toThrow(RangeError);
  });
});
