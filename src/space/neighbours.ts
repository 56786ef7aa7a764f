// The single-gene neighbours of a genome: every canonical genome that differs from it in one active gene.

import type { Genome, SearchSpace } from './types.js';

/**
 * Yields each neighbour once per (active gene, other choice), canonicalised, with its key. Changing a gene that
 * switches other genes off can give the same canonical neighbour twice; callers that collect keys drop repeats.
 */
export function* singleGeneNeighbours(space: SearchSpace, genome: Genome): Generator<{ genome: Genome; key: string }, void, undefined> {
  for (let gene = 0; gene < space.geneCount; gene += 1) {
    if (!space.isActive(genome, gene)) continue;
    const choices = space.choiceCounts[gene] as number;
    for (let choice = 0; choice < choices; choice += 1) {
      if (choice === genome[gene]) continue;
      const neighbour = genome.slice();
      neighbour[gene] = choice;
      const canonical = space.canonicalize(neighbour);
      yield { genome: canonical, key: space.key(canonical) };
    }
  }
}
