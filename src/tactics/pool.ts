// Pool search: the parts that keep a tactic inside a finite list of allowed candidates (pre-measured models).

import { CandidatePool, NearestPoolRepair, PoolSampling, type Repair, type Sampling } from '../algorithms/index.js';
import type { Rng } from '../core/rng.js';
import type { Genome, SearchSpace } from '../space/types.js';
import type { Observation, ProposalContext, Tactic, TacticContext } from './types.js';

/** One indexed pool per (space, genome list): a benchmark runs many seeds over the same pool array. */
const pools = new WeakMap<SearchSpace, WeakMap<readonly Genome[], CandidatePool>>();

/** The indexed pool of a context's genome list (built once per space and list, then shared). */
export function candidatePoolOf(space: SearchSpace, genomes: readonly Genome[]): CandidatePool {
  let bySpace = pools.get(space);
  if (bySpace === undefined) {
    bySpace = new WeakMap();
    pools.set(space, bySpace);
  }
  let pool = bySpace.get(genomes);
  if (pool === undefined) {
    pool = new CandidatePool(space, genomes);
    bySpace.set(genomes, pool);
  }
  return pool;
}

/** Pool-aware algorithm parts for a context: none without a pool; pool sampling and nearest-member repair with one. */
export function poolParts(context: TacticContext): { sampling?: Sampling; repair?: Repair } {
  if (context.pool === undefined) return {};
  const pool = candidatePoolOf(context.space, context.pool);
  return { sampling: new PoolSampling(pool), repair: new NearestPoolRepair(pool) };
}

/**
 * The guarantee behind pool search, whatever the inner tactic: every genome it proposes is a pool member.
 * A proposal outside the pool is replaced by the nearest member this wrapper has not proposed yet (ties by
 * its own seeded rng), and dropped when none is left. Pool-aware tactics never trigger a replacement; the
 * wrapper is what makes any other tactic safe. Observations are passed through unchanged, so the inner
 * tactic may observe a replacement it did not propose (as it would a warm-start result).
 */
export class PoolTactic implements Tactic {
  readonly name: string;
  readonly pool: CandidatePool;
  private readonly inner: Tactic;
  private readonly repair: NearestPoolRepair;
  private readonly rng: Rng;
  private readonly proposedKeys = new Set<string>();
  private replaced = 0;
  private dropped = 0;

  constructor(inner: Tactic, pool: CandidatePool, rng: Rng) {
    this.name = inner.name;
    this.inner = inner;
    this.pool = pool;
    this.repair = new NearestPoolRepair(pool);
    this.rng = rng;
  }

  /** Proposals of the inner tactic that were outside the pool: replaced by a member, or dropped when none was left. */
  get outsideProposals(): { readonly replaced: number; readonly dropped: number } {
    return { replaced: this.replaced, dropped: this.dropped };
  }

  propose(context: ProposalContext): Genome[] {
    const space = this.pool.space;
    const batch: Genome[] = [];
    for (const raw of this.inner.propose(context)) {
      space.validate(raw);
      const genome = space.canonicalize(raw);
      const key = space.key(genome);
      const position = this.pool.positionOf(key);
      if (position !== -1) {
        this.proposedKeys.add(key);
        batch.push(genome);
        continue;
      }
      const replacement = this.repair.repair(space, this.rng, genome, [this.proposedKeys]);
      if (replacement === null) {
        this.dropped += 1;
        continue;
      }
      this.replaced += 1;
      this.proposedKeys.add(replacement.key);
      batch.push(replacement.genome);
    }
    return batch;
  }

  observe(batch: readonly Observation[]): void {
    this.inner.observe(batch);
  }

  describeLastProposal(): Readonly<Record<string, unknown>> | undefined {
    return this.inner.describeLastProposal?.();
  }
}
