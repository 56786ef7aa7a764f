import { describe, expect, it } from 'vitest';

import { singleGeneNeighbours } from './neighbours.js';
import { createSearchSpace } from './search-space.js';

describe('singleGeneNeighbours', () => {
  it('changes one gene at a time to each other choice', () => {
    const space = createSearchSpace({
      name: 'two',
      genes: [
        { name: 'a', choices: [0, 1, 2] },
        { name: 'b', choices: ['x', 'y'] },
      ],
    });
    const keys = [...singleGeneNeighbours(space, [1, 0])].map((neighbour) => neighbour.key);
    expect(keys).toEqual([space.key([0, 0]), space.key([2, 0]), space.key([1, 1])]);
  });

  it('skips inactive genes and yields canonical genomes', () => {
    const space = createSearchSpace({
      name: 'conditional',
      genes: [
        { name: 'depth', choices: [1, 2] },
        { name: 'width2', choices: [8, 16], activeWhen: [{ gene: 'depth', in: [2] }] },
      ],
    });
    // depth 1: width2 is inactive, so only depth changes; the neighbour (depth 2) keeps width2 at choice 0.
    expect([...singleGeneNeighbours(space, [0, 0])].map((neighbour) => neighbour.genome)).toEqual([[1, 0]]);
    // depth 2 with width2 16: back to depth 1 canonicalises width2 to 0.
    expect([...singleGeneNeighbours(space, [1, 1])].map((neighbour) => neighbour.genome)).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });
});
