// Lists every canonical genome of a small space once (exhaustive benchmarks, exact checks).

import { fillActiveMask } from './compile-spec.js';
import { compiledSpaceOf } from './search-space.js';
import type { Genome, SearchSpace } from './types.js';

/**
 * Yields each canonical genome exactly once, as a fresh array; the count equals `space.cardinality()`.
 * It works like an odometer over the genes in dependency order in which only active genes turn: a gene's
 * activity depends only on genes before it in that order, so advancing one gene and zeroing all later ones
 * never skips or repeats a canonical genome. With no conditions the order is lexicographic in gene order.
 * Lazy: the caller decides how many to take, so check `cardinality()` before exhausting a large space.
 */
export function* enumerateGenomes(space: SearchSpace): Generator<Genome, void, undefined> {
  const compiled = compiledSpaceOf(space);
  const { order, choiceCounts, geneCount } = compiled;
  const genome = new Array<number>(geneCount).fill(0);
  const active = new Uint8Array(geneCount);
  for (;;) {
    fillActiveMask(compiled, genome, active);
    yield genome.slice();
    let position = geneCount - 1;
    for (; position >= 0; position -= 1) {
      const gene = order[position] as number;
      if (active[gene] === 1 && (genome[gene] as number) < (choiceCounts[gene] as number) - 1) break;
    }
    if (position < 0) return;
    const turned = order[position] as number;
    genome[turned] = (genome[turned] as number) + 1;
    for (let later = position + 1; later < geneCount; later += 1) genome[order[later] as number] = 0;
  }
}
