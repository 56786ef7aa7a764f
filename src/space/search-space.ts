// The SearchSpace implementation: activity, canonical genomes, stable keys, sampling, values by name.
//
// Key format (stable; stored keys depend on it): the canonical genome's choice indices written in decimal and
// joined with '.', in the space's gene order, e.g. "2.0.1". Inactive genes appear as 0. The key holds indices,
// not values, so renaming a choice keeps keys, while reordering genes or choices changes them.

import { badInput } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { countCanonicalGenomes } from './cardinality.js';
import { checkGenome, compileSpaceSpec, fillActiveMask, type CompiledSpace } from './compile-spec.js';
import { listNames, unknownNameHint } from './suggest.js';
import type { GeneSpec, GeneValue, Genome, SearchSpace, SpaceSpec } from './types.js';

const KEY_PART = /^(0|[1-9][0-9]*)$/;

/** Ready-made key pieces for small indices, so building a key does no number-to-string conversion. */
const KEY_TABLE_SIZE = 256;
const FIRST_PIECES = Array.from({ length: KEY_TABLE_SIZE }, (_, index) => String(index));
const LATER_PIECES = Array.from({ length: KEY_TABLE_SIZE }, (_, index) => `.${index}`);

/** Compiled tables of the spaces built here, so encoders and enumeration reuse them instead of recompiling. */
const compiledBySpace = new WeakMap<SearchSpace, CompiledSpace>();

/** The compiled tables of any SearchSpace (compiling its genes when it was not built by createSearchSpace). */
export function compiledSpaceOf(space: SearchSpace): CompiledSpace {
  const known = compiledBySpace.get(space);
  if (known !== undefined) return known;
  const compiled = compileSpaceSpec({ name: space.name, genes: space.genes });
  compiledBySpace.set(space, compiled);
  return compiled;
}

class ConditionalSearchSpace implements SearchSpace {
  readonly name: string;
  readonly description: string | undefined;
  readonly genes: readonly GeneSpec[];
  readonly geneCount: number;
  readonly choiceCounts: readonly number[];
  private readonly compiled: CompiledSpace;
  /** Reused activity buffer: calls are synchronous and never re-enter, so one buffer per space is safe. */
  private readonly scratch: Uint8Array;
  private cachedCardinality: bigint | undefined;

  constructor(compiled: CompiledSpace) {
    this.compiled = compiled;
    this.name = compiled.name;
    this.description = compiled.description;
    this.genes = compiled.genes;
    this.geneCount = compiled.geneCount;
    this.choiceCounts = compiled.choiceCounts;
    this.scratch = new Uint8Array(compiled.geneCount);
  }

  indexOf(name: string): number {
    const index = this.compiled.indexByName.get(name);
    if (index === undefined) {
      throw badInput('gene', `unknown gene "${name}" in space "${this.name}"`, unknownNameHint(name, this.compiled.names, 'genes'));
    }
    return index;
  }

  activeMask(genome: Genome): boolean[] {
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.scratch);
    const mask = new Array<boolean>(this.geneCount);
    for (let gene = 0; gene < this.geneCount; gene += 1) mask[gene] = this.scratch[gene] === 1;
    return mask;
  }

  isActive(genome: Genome, geneIndex: number): boolean {
    if (!(geneIndex >>> 0 === geneIndex && geneIndex < this.geneCount)) {
      throw badInput('geneIndex', `gene index ${geneIndex} is out of range`, `use an integer from 0 to ${this.geneCount - 1}`);
    }
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.scratch);
    return this.scratch[geneIndex] === 1;
  }

  canonicalize(genome: Genome): Genome {
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.scratch);
    const canonical = Array.isArray(genome) ? genome.slice() : Array.from(genome);
    for (let gene = 0; gene < this.geneCount; gene += 1) if (this.scratch[gene] === 0) canonical[gene] = 0;
    return canonical;
  }

  key(genome: Genome): string {
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.scratch);
    const active = this.scratch;
    const first = active[0] === 1 ? (genome[0] as number) : 0;
    let key = first < KEY_TABLE_SIZE ? (FIRST_PIECES[first] as string) : String(first);
    for (let gene = 1; gene < this.geneCount; gene += 1) {
      const index = active[gene] === 1 ? (genome[gene] as number) : 0;
      key += index < KEY_TABLE_SIZE ? (LATER_PIECES[index] as string) : `.${index}`;
    }
    return key;
  }

  fromKey(key: string): Genome {
    if (typeof key !== 'string') throw badInput('key', 'a genome key must be a string');
    const parts = key.split('.');
    if (parts.length !== this.geneCount || !parts.every((part) => KEY_PART.test(part))) {
      throw badInput(
        'key',
        `"${key.length > 80 ? `${key.slice(0, 80)}…` : key}" is not a key of space "${this.name}"`,
        `a key is ${this.geneCount} choice indices joined with '.', as produced by key()`,
      );
    }
    const genome = parts.map(Number);
    const canonical = this.canonicalize(genome);
    // A key always names a canonical genome; accepting others would let one network have two keys.
    for (let gene = 0; gene < this.geneCount; gene += 1) {
      if (canonical[gene] !== genome[gene]) {
        throw badInput(
          'key',
          `key "${key}" sets inactive gene "${this.compiled.names[gene] as string}" to ${genome[gene] as number}`,
          'inactive genes are 0 in keys: build keys with key(), which canonicalises first',
        );
      }
    }
    return canonical;
  }

  sample(rng: Rng): Genome {
    // Every gene draws once, active or not, so each sample uses the same amount of the random stream.
    const genome = new Array<number>(this.geneCount);
    for (let gene = 0; gene < this.geneCount; gene += 1) genome[gene] = rng.int(this.compiled.countTable[gene] as number);
    fillActiveMask(this.compiled, genome, this.scratch);
    for (let gene = 0; gene < this.geneCount; gene += 1) if (this.scratch[gene] === 0) genome[gene] = 0;
    return genome;
  }

  validate(genome: Genome): void {
    checkGenome(this.compiled, genome);
  }

  decode(genome: Genome): Record<string, GeneValue> {
    checkGenome(this.compiled, genome);
    fillActiveMask(this.compiled, genome, this.scratch);
    const values: Record<string, GeneValue> = {};
    for (let gene = 0; gene < this.geneCount; gene += 1) {
      if (this.scratch[gene] === 1) {
        values[this.compiled.names[gene] as string] = (this.genes[gene] as GeneSpec).choices[genome[gene] as number] as GeneValue;
      }
    }
    return values;
  }

  encode(values: Readonly<Record<string, GeneValue>>): Genome {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw badInput('values', 'gene values must be an object of values by gene name');
    }
    for (const name of Object.keys(values)) {
      if (!this.compiled.indexByName.has(name)) {
        throw badInput(name, `unknown gene "${name}" in space "${this.name}"`, unknownNameHint(name, this.compiled.names, 'genes'));
      }
    }
    const genome = new Array<number>(this.geneCount).fill(0);
    const provided = new Uint8Array(this.geneCount);
    for (let gene = 0; gene < this.geneCount; gene += 1) {
      const name = this.compiled.names[gene] as string;
      if (!Object.hasOwn(values, name)) continue;
      const value = values[name];
      const choices = (this.genes[gene] as GeneSpec).choices;
      const index = choices.indexOf(value as GeneValue);
      if (index < 0) {
        throw badInput(name, `${JSON.stringify(value) ?? String(value)} is not a choice of gene "${name}"`, `use one of ${listNames(choices)}`);
      }
      genome[gene] = index;
      provided[gene] = 1;
    }
    // Activity only depends on controllers, which are now set, so missing values can be judged in one pass.
    // Dependency order makes a missing controller the reported gene, rather than a gene that depends on it.
    fillActiveMask(this.compiled, genome, this.scratch);
    for (const gene of this.compiled.order) {
      if (this.scratch[gene] === 0) {
        genome[gene] = 0;
      } else if (provided[gene] === 0) {
        const name = this.compiled.names[gene] as string;
        throw badInput(name, `gene "${name}" is active but has no value`, `give it one of ${listNames((this.genes[gene] as GeneSpec).choices)}`);
      }
    }
    return genome;
  }

  cardinality(): bigint {
    this.cachedCardinality ??= countCanonicalGenomes(this.compiled);
    return this.cachedCardinality;
  }
}

/** Builds a search space, validating the whole spec first; errors name the field, e.g. `genes[3].choices`. */
export function createSearchSpace(spec: SpaceSpec): SearchSpace {
  const compiled = compileSpaceSpec(spec);
  const space = new ConditionalSearchSpace(compiled);
  compiledBySpace.set(space, compiled);
  return space;
}
