// The default native config of a space: a plain object of the active genes' values by gene name.

import { badInput } from '../core/errors.js';
import type { GeneValue, Genome, NativeCodec, SearchSpace } from './types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `toNative` gives `space.decode(genome)`, e.g. `{ depth_0: 3, kernel_0_0: 5 }`; `fromNative` accepts that
 * object (values of inactive genes may be present or left out) and returns the canonical genome.
 */
export function createRecordCodec(space: SearchSpace): NativeCodec {
  return {
    toNative: (genome: Genome): Record<string, GeneValue> => space.decode(genome),
    fromNative: (config: unknown): Genome => {
      if (!isPlainObject(config)) {
        throw badInput(
          'config',
          `a native config of space "${space.name}" must be an object of gene values by name`,
          'pass an object such as { depth_0: 3, kernel_0_0: 5 }',
        );
      }
      return space.encode(config as Record<string, GeneValue>);
    },
  };
}
