// Exact count of the distinct canonical genomes of a space (distinct sub-networks), conditions included.

import { CarveError } from '../core/errors.js';
import type { CompiledSpace } from './compile-spec.js';

/** Past this many partial assignments kept at once, counting is refused rather than left to run for hours. */
const MAX_STATES = 1 << 20;

/** Genes linked by conditions, as groups: each group's count is independent, so the total is their product. */
function linkedGroups(compiled: CompiledSpace): number[][] {
  const parent = Int32Array.from({ length: compiled.geneCount }, (_, index) => index);
  const root = (gene: number): number => {
    let current = gene;
    while (parent[current] !== current) {
      const up = parent[current] as number;
      parent[current] = parent[up] as number;
      current = up;
    }
    return current;
  };
  for (let gene = 0; gene < compiled.geneCount; gene += 1) {
    for (let condition = compiled.condStart[gene] as number; condition < (compiled.condStart[gene + 1] as number); condition += 1) {
      parent[root(gene)] = root(compiled.condController[condition] as number);
    }
  }
  const groups = new Map<number, number[]>();
  // Walk in dependency order so each group's list is itself in dependency order.
  for (const gene of compiled.order) {
    const key = root(gene);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [gene]);
    else group.push(gene);
  }
  return [...groups.values()];
}

/**
 * Counts one group by sweeping its genes in dependency order. The state is the canonical value (-1 when
 * inactive) of each already-swept gene that a later gene still depends on; states that agree are merged with
 * their counts added. A gene no later gene depends on contributes a factor (its choice count when active, 1
 * when not) instead of new states, so for usual spaces (OFA: a depth gene gating block genes) only a handful
 * of states ever exist.
 */
function countGroup(compiled: CompiledSpace, group: readonly number[], maxStates: number): bigint {
  const { condStart, condController, condOffset, condAllowed, choiceCounts } = compiled;
  const lastUse = new Map<number, number>();
  group.forEach((gene, position) => {
    for (let condition = condStart[gene] as number; condition < (condStart[gene + 1] as number); condition += 1) {
      lastUse.set(condController[condition] as number, position);
    }
  });

  let frontier: number[] = []; // gene indices whose values the states hold, in this order
  let states = new Map<string, { values: number[]; count: bigint }>([['', { values: [], count: 1n }]]);
  group.forEach((gene, position) => {
    const keep = (lastUse.get(gene) ?? -1) > position;
    const slotOf = new Map(frontier.map((tracked, slot) => [tracked, slot]));
    const survivors = frontier.map((tracked) => (lastUse.get(tracked) as number) > position);
    const nextFrontier = frontier.filter((_, slot) => survivors[slot]);
    if (keep) nextFrontier.push(gene);
    const choiceCount = choiceCounts[gene] as number;
    const nextStates = new Map<string, { values: number[]; count: bigint }>();
    const add = (values: number[], count: bigint): void => {
      const key = values.join(',');
      const existing = nextStates.get(key);
      if (existing !== undefined) {
        existing.count += count;
        return;
      }
      if (nextStates.size >= maxStates) {
        throw new CarveError('BAD_INPUT', `the conditions of space "${compiled.name}" are too intertwined to count its sub-networks exactly`, {
          field: 'genes',
          hint: 'declare controller genes (those other genes depend on) next to the genes that depend on them, or use fewer cross-linked conditions',
        });
      }
      nextStates.set(key, { values, count });
    };
    for (const state of states.values()) {
      let active = true;
      for (let condition = condStart[gene] as number; condition < (condStart[gene + 1] as number); condition += 1) {
        const value = state.values[slotOf.get(condController[condition] as number) as number] as number;
        if (value < 0 || condAllowed[(condOffset[condition] as number) + value] === 0) {
          active = false;
          break;
        }
      }
      const carried = state.values.filter((_, slot) => survivors[slot]);
      if (!keep) add(carried, active ? state.count * BigInt(choiceCount) : state.count);
      else if (!active) add([...carried, -1], state.count);
      else for (let choice = 0; choice < choiceCount; choice += 1) add([...carried, choice], state.count);
    }
    frontier = nextFrontier;
    states = nextStates;
  });

  let total = 0n;
  for (const state of states.values()) total += state.count;
  return total;
}

/**
 * Exact number of distinct canonical genomes. Throws BAD_INPUT (field `genes`) when more than `maxStates`
 * partial assignments would have to be tracked at once.
 */
export function countCanonicalGenomes(compiled: CompiledSpace, maxStates = MAX_STATES): bigint {
  let total = 1n;
  for (const group of linkedGroups(compiled)) total *= countGroup(compiled, group, maxStates);
  return total;
}
