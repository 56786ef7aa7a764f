import { describe, expect, it } from 'vitest';
import { EvaluationTermination, GenerationTermination, NoTermination } from './termination.js';

describe('terminations', () => {
  it('stop after a number of evaluations, with progress as the fraction used', () => {
    const termination = new EvaluationTermination(200);
    expect(termination.progress({ evaluations: 50, generations: 1 })).toBe(0.25);
    expect(termination.done({ evaluations: 199, generations: 4 })).toBe(false);
    expect(termination.done({ evaluations: 200, generations: 4 })).toBe(true);
    expect(termination.progress({ evaluations: 250, generations: 5 })).toBe(1);
  });

  it('stop after a number of generations', () => {
    const termination = new GenerationTermination(8);
    expect(termination.progress({ evaluations: 1000, generations: 2 })).toBe(0.25);
    expect(termination.done({ evaluations: 1000, generations: 7 })).toBe(false);
    expect(termination.done({ evaluations: 0, generations: 8 })).toBe(true);
  });

  it('treat a zero limit as done from the start', () => {
    expect(new EvaluationTermination(0).done({ evaluations: 0, generations: 0 })).toBe(true);
    expect(new GenerationTermination(0).progress({ evaluations: 0, generations: 0 })).toBe(1);
  });

  it('never stop without a criterion', () => {
    const termination = new NoTermination();
    expect(termination.done()).toBe(false);
    expect(termination.progress()).toBe(0);
  });

  it('reject limits that are not integers >= 0', () => {
    expect(() => new EvaluationTermination(-1)).toThrow(expect.objectContaining({ field: 'maxEvaluations' }));
    expect(() => new GenerationTermination(2.5)).toThrow(expect.objectContaining({ field: 'maxGenerations' }));
  });
});
