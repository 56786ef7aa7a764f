import { describe, expect, it } from 'vitest';
import { KeyDuplicateElimination } from './duplicate-elimination.js';

const candidate = (key: string) => ({ genome: key.split('.').map(Number), key });

describe('KeyDuplicateElimination', () => {
  it('drops keys found in any reference set and repeats within the batch, keeping order', () => {
    const elimination = new KeyDuplicateElimination();
    const population = new Set(['0.1']);
    const asked = new Set(['0.2', '0.1']);
    const offspring = new Set(['0.3']);
    const kept = elimination.eliminate(
      ['0.4', '0.1', '0.2', '0.5', '0.3', '0.4', '0.6', '0.5'].map(candidate),
      [population, asked, offspring],
    );
    expect(kept.map((item) => item.key)).toEqual(['0.4', '0.5', '0.6']);
  });

  it('keeps everything new when there is nothing to compare against', () => {
    const kept = new KeyDuplicateElimination().eliminate(['1', '2'].map(candidate), []);
    expect(kept.map((item) => item.key)).toEqual(['1', '2']);
  });
});
