import { describe, expect, it } from 'vitest';
import { countCanonicalGenomes } from './cardinality.js';
import { compileSpaceSpec } from './compile-spec.js';
import { createSearchSpace } from './search-space.js';
import { errorOf } from './testing/errors.js';
import { bruteForceCount, ofaLikeSpec } from './testing/fixtures.js';
import type { GeneSpec, SpaceSpec } from './types.js';

/** Six binary switches, declared after the one gene that needs all of them on. */
function fanInSpec(): SpaceSpec {
  const switches: GeneSpec[] = Array.from({ length: 6 }, (_, index) => ({ name: `s${index}`, choices: [false, true] }));
  const gated: GeneSpec = {
    name: 'gated',
    choices: [1, 2, 3],
    activeWhen: switches.map((gene) => ({ gene: gene.name, in: [true] })),
  };
  return { name: 'fan-in', genes: [gated, ...switches] };
}

describe('countCanonicalGenomes', () => {
  it('counts a gene gated by many controllers exactly', () => {
    // 64 switch settings; only the all-on one lets the gated gene take its 3 values: 63 + 3 = 66.
    const space = createSearchSpace(fanInSpec());
    expect(space.cardinality()).toBe(66n);
    expect(bruteForceCount(space)).toBe(66);
  });

  it('refuses, naming the genes field, when too many partial assignments would be tracked', () => {
    const error = errorOf(() => countCanonicalGenomes(compileSpaceSpec(fanInSpec()), 16));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.field).toBe('genes');
  });

  it('tracks at most a handful of assignments for an OFA-like space', () => {
    // Each stage is its own group holding one depth gene, so 3 states suffice.
    expect(countCanonicalGenomes(compileSpaceSpec(ofaLikeSpec()), 3)).toBe(7371n ** 5n);
  });
});
