// Mutation of active genes: random reset to another choice, or one step along an ordered numeric gene.

import { badInput } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import type { Genome, SearchSpace } from '../../space/types.js';
import type { Mutation } from './types.js';

export interface MutationOptions {
  /**
   * Chance that each active gene mutates; by default 1 / geneCount of the space, so about one gene
   * changes per child in an unconditional space.
   */
  readonly geneProbability?: number;
}

function checkGeneProbability(value: number | undefined): number | undefined {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw badInput('geneProbability', `must be a probability in [0, 1], got ${value}`);
  }
  return value;
}

/**
 * Mutates only active genes (an inactive gene's value is ignored by the network, so changing it would be
 * a wasted mutation); the result is canonicalised because a changed gene may switch others on or off.
 */
abstract class ActiveGeneMutation implements Mutation {
  readonly geneProbability: number | undefined;

  constructor(options: MutationOptions) {
    this.geneProbability = checkGeneProbability(options.geneProbability);
  }

  mutate(space: SearchSpace, rng: Rng, genome: Genome): Genome {
    const probability = this.geneProbability ?? (space.geneCount === 0 ? 0 : 1 / space.geneCount);
    if (probability <= 0) return genome;
    const logKeep = probability >= 1 ? -Infinity : Math.log1p(-probability);
    const firstGap = nextGap(rng, logKeep);
    // No gene can be reached: skip computing activity (the common case at about one mutation per genome).
    if (firstGap >= genome.length) return genome;
    const active = space.activeMask(genome);
    // Genes that can mutate: active, with a choice to move to.
    const mutable: number[] = [];
    for (let gene = 0; gene < genome.length; gene += 1) {
      if (active[gene] && (space.choiceCounts[gene] as number) > 1) mutable.push(gene);
    }
    // Jumping straight to the next mutated gene (geometric gaps) is equivalent to one coin per gene,
    // but draws a random number per mutation rather than per gene: most genes are left alone.
    let child: number[] | undefined;
    for (let position = firstGap; position < mutable.length; position += 1 + nextGap(rng, logKeep)) {
      const gene = mutable[position] as number;
      child ??= genome.slice();
      child[gene] = this.newChoice(space, rng, gene, genome[gene] as number, space.choiceCounts[gene] as number);
    }
    return child === undefined ? genome : space.canonicalize(child);
  }

  /** A choice index different from `current`. */
  protected abstract newChoice(space: SearchSpace, rng: Rng, gene: number, current: number, choiceCount: number): number;
}

/** Genes skipped before the next mutated one: geometric with success probability 1 - exp(logKeep). */
function nextGap(rng: Rng, logKeep: number): number {
  if (logKeep === -Infinity) return 0;
  // 1 - next() lies in (0, 1], so the logarithm is finite and the gap >= 0.
  return Math.floor(Math.log(1 - rng.next()) / logKeep);
}

/** Resets a mutated gene to a uniformly chosen other choice. */
export class RandomResetMutation extends ActiveGeneMutation {
  constructor(options: MutationOptions = {}) {
    super(options);
  }

  protected newChoice(_space: SearchSpace, rng: Rng, _gene: number, current: number, choiceCount: number): number {
    return uniformOther(rng, current, choiceCount);
  }
}

function uniformOther(rng: Rng, current: number, choiceCount: number): number {
  const drawn = rng.int(choiceCount - 1);
  return drawn >= current ? drawn + 1 : drawn;
}

/** For each gene: the choice indices sorted by numeric value, or undefined when the gene is not numeric. */
interface OrdinalOrder {
  readonly byValue: readonly (readonly number[] | undefined)[];
  /** Position of each choice index in `byValue`. */
  readonly positionOf: readonly (readonly number[] | undefined)[];
}

/**
 * Moves a mutated numeric gene to the neighbouring value (one step up or down, in value order, so choice
 * lists need not be sorted). Small steps suit ordered genes such as depth, width or kernel size, where
 * neighbouring values give similar networks. Genes with non-numeric choices get a random reset instead.
 */
export class OrdinalStepMutation extends ActiveGeneMutation {
  private readonly orders = new WeakMap<SearchSpace, OrdinalOrder>();

  constructor(options: MutationOptions = {}) {
    super(options);
  }

  protected newChoice(space: SearchSpace, rng: Rng, gene: number, current: number, choiceCount: number): number {
    const order = this.orderOf(space);
    const byValue = order.byValue[gene];
    const positionOf = order.positionOf[gene];
    if (byValue === undefined || positionOf === undefined) return uniformOther(rng, current, choiceCount);
    const position = positionOf[current] as number;
    let step: number;
    if (position === 0) step = 1;
    else if (position === choiceCount - 1) step = -1;
    else step = rng.next() < 0.5 ? -1 : 1;
    return byValue[position + step] as number;
  }

  private orderOf(space: SearchSpace): OrdinalOrder {
    let order = this.orders.get(space);
    if (order === undefined) {
      const byValue: (number[] | undefined)[] = [];
      const positionOf: (number[] | undefined)[] = [];
      for (const gene of space.genes) {
        const choices = gene.choices;
        if (!choices.every((choice) => typeof choice === 'number')) {
          byValue.push(undefined);
          positionOf.push(undefined);
          continue;
        }
        const sorted = choices.map((_, index) => index).sort((left, right) => (choices[left] as number) - (choices[right] as number));
        const positions = new Array<number>(choices.length);
        sorted.forEach((choiceIndex, position) => {
          positions[choiceIndex] = position;
        });
        byValue.push(sorted);
        positionOf.push(positions);
      }
      order = { byValue, positionOf };
      this.orders.set(space, order);
    }
    return order;
  }
}
