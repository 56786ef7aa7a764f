import { describe, expect, it } from 'vitest';
import { dasDennis } from '../decomposition/das-dennis.js';
import type { Individual } from '../types.js';
import { defaultNeighbourhoodSize, flooredWeights, improves, neighbourhoods, objectiveScale, replaceIncumbents, WEIGHT_FLOOR } from './subproblems.js';

function individual(key: string, objectives: number[], violation = 0): Individual {
  return { genome: [key.charCodeAt(0)], key, objectives, violation };
}

const weights = flooredWeights(dasDennis(2, 4));

describe('MOEA/D subproblems', () => {
  it('floors zero weights and finds the T nearest weight vectors, itself first', () => {
    expect(weights[0]).toEqual([WEIGHT_FLOOR, 1]);
    expect(weights[2]).toEqual([0.5, 0.5]);
    const near = neighbourhoods(weights, 3);
    expect(near[0]).toEqual([0, 1, 2]);
    expect(near[2]).toEqual([2, 1, 3]);
    expect(near[4]).toEqual([4, 3, 2]);
    expect(neighbourhoods(weights, 5)[2]).toEqual([2, 1, 3, 0, 4]);
  });

  it('uses T = 20 for large populations and a fifth of the subproblems for small ones', () => {
    expect(defaultNeighbourhoodSize(300)).toBe(20);
    expect(defaultNeighbourhoodSize(100)).toBe(20);
    expect(defaultNeighbourhoodSize(50)).toBe(10);
    expect(defaultNeighbourhoodSize(5)).toBe(2);
    expect(defaultNeighbourhoodSize(1)).toBe(1);
  });

  it('scales objectives by their range from the ideal point', () => {
    expect(objectiveScale([[1, 10], [3, 50]], [0, 10])).toEqual([3, 40]);
    expect(objectiveScale([[1, 10]], [1, 10])).toEqual([1, 1]);
  });

  it('replaces at most nr incumbents the child improves on, in the order given', () => {
    const incumbents = () => [individual('a', [0, 1]), individual('b', [0.3, 0.9]), individual('c', [0.5, 0.5]), individual('d', [0.9, 0.3]), individual('e', [1, 0])];
    const ideal = [0, 0];
    const scale = [1, 1];
    // (0.4, 0.4) beats every incumbent on its own weight: the first two offered are replaced.
    const first = incumbents();
    expect(replaceIncumbents(first, individual('x', [0.4, 0.4]), [2, 1, 3, 0, 4], weights, ideal, scale, 2)).toEqual([2, 1]);
    expect(first.map((member) => member.key)).toEqual(['a', 'x', 'x', 'd', 'e']);
    // (0.1, 0.95): worse on (0.5, 0.5) (0.475 > 0.25) and (0.25, 0.75) (0.7125 > 0.675); better on
    // (0, 1) (0.95 < 1) and (0.75, 0.25) (0.2375 < 0.675).
    const second = incumbents();
    expect(replaceIncumbents(second, individual('y', [0.1, 0.95]), [2, 1, 0, 3, 4], weights, ideal, scale, 2)).toEqual([0, 3]);
    expect(replaceIncumbents(incumbents(), individual('y', [0.1, 0.95]), [2, 1, 0, 3, 4], weights, ideal, scale, 1)).toEqual([0]);
    // An empty subproblem takes any child.
    const empty: (Individual | undefined)[] = [undefined, ...incumbents().slice(1)];
    expect(replaceIncumbents(empty, individual('z', [5, 5]), [0, 1, 2], weights, ideal, scale, 2)).toEqual([0]);
  });

  it('puts feasibility first', () => {
    const weight = [0.5, 0.5];
    expect(improves(individual('x', [0, 0], 1), individual('a', [9, 9]), weight, [0, 0], [1, 1])).toBe(false);
    expect(improves(individual('x', [9, 9]), individual('a', [0, 0], 1), weight, [0, 0], [1, 1])).toBe(true);
    expect(improves(individual('x', [9, 9], 1), individual('a', [0, 0], 2), weight, [0, 0], [1, 1])).toBe(true);
    expect(improves(individual('x', [1, 1]), individual('a', [1, 1]), weight, [0, 0], [1, 1])).toBe(false);
  });
});
