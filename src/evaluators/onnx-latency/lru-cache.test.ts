import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('evicts the least recently used entry and disposes of it', async () => {
    const disposed: string[] = [];
    const cache = new LruCache<number>({ capacity: 2, dispose: (_, key) => void disposed.push(key) });
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

  it('keeps the total weight within budget but never evicts pinned entries', async () => {
    const disposed: string[] = [];
    const cache = new LruCache<string>({ capacity: 10, maxWeight: 100, dispose: (_, key) => void disposed.push(key) });
    await cache.set('old', 'x', 60);
    cache.pin('p1');
    await cache.set('p1', 'y', 50);
    expect(disposed).toEqual(['old']);
    cache.pin('p2');
    await cache.set('p2', 'z', 70);
    // Over budget (120) but both entries are pinned: they stay until unpinned.
    expect(cache.keys()).toEqual(['p1', 'p2']);
    expect(cache.weight).toBe(120);
    cache.unpinAll();
    await cache.set('q', 'w', 10);
    expect(disposed).toEqual(['old', 'p1']);
    expect(cache.weight).toBe(80);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache<number>({ capacity: 0, dispose: () => undefined })).toThrow(RangeError);
  });
});
