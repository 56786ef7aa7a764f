// WeakNAS-style baseline: refit a (weak) predictor on everything validated, rank a large candidate sample by
// predicted non-dominated fronts, and validate a batch drawn uniformly from the predicted top M.

import { nonDominatedSort } from '../indicators/index.js';
import { createEncoder } from '../space/index.js';
import type { Genome } from '../space/types.js';
import { readTacticOptions } from './options.js';
import { ObservationArchive } from './surrogate/archive.js';
import { finiteCandidates, type CandidateSet, type FiniteCandidates } from './surrogate/candidates.js';
import { fitObjectiveModel } from './surrogate/models.js';
import type { Observation, ProposalContext, Tactic, TacticContext } from './types.js';

export interface WeakNasOptions {
  readonly initialSize: number;
  readonly batchSize: number;
  /** Size of the predicted top set the batch is drawn from. */
  readonly topM: number;
  /** Candidates scored per iteration when the space is too large to score whole. */
  readonly sampleSize: number;
  readonly model: string;
  readonly enumerationLimit: number;
}

export const WEAKNAS_DEFAULTS: WeakNasOptions = {
  initialSize: 50,
  batchSize: 10,
  topM: 100,
  sampleSize: 10_000,
  model: 'mlp',
  enumerationLimit: 50_000,
};

export class WeakNasTactic implements Tactic {
  readonly name = 'weaknas';
  private readonly context: TacticContext;
  private readonly options: WeakNasOptions;
  private readonly archive: ObservationArchive;
  private readonly encoder;
  private finite: FiniteCandidates | null | undefined;

  constructor(context: TacticContext) {
    this.context = context;
    this.options = readTacticOptions('weaknas', WEAKNAS_DEFAULTS, context.options);
    this.encoder = createEncoder(context.space, 'one-hot');
    this.archive = new ObservationArchive(this.encoder);
  }

  propose(_context: ProposalContext): Genome[] {
    const { rng } = this.context;
    if (this.finite === undefined) {
      this.finite = finiteCandidates(this.context.space, this.encoder, this.context.pool, this.options.enumerationLimit);
    }
    const pool = this.candidates();
    if (pool.keys.length === 0) return [];
    if (this.archive.size < this.options.initialSize) return drawUniform(pool, this.options.initialSize - this.archive.size, rng.int.bind(rng));
    const predictions = this.context.objectives.map((_, objective) =>
      fitObjectiveModel(this.archive.features, this.archive.targets(objective), { candidates: [this.options.model], folds: 5, ensembleMembers: 0 }, rng.fork())
        .predict(pool.features).mean,
    );
    const points = pool.keys.map((_, index) => predictions.map((mean) => mean[index] as number));
    const top: number[] = [];
    for (const front of nonDominatedSort(points)) {
      for (const index of front) {
        if (top.length >= this.options.topM) break;
        top.push(index);
      }
      if (top.length >= this.options.topM) break;
    }
    const subset: CandidateSet = {
      genomes: top.map((index) => pool.genomes[index] as Genome),
      keys: top.map((index) => pool.keys[index] as string),
      features: top.map((index) => pool.features[index] as Float64Array),
    };
    return drawUniform(subset, this.options.batchSize, rng.int.bind(rng));
  }

  observe(batch: readonly Observation[]): void {
    this.archive.add(batch);
  }

  private candidates(): CandidateSet {
    if (this.finite !== null && this.finite !== undefined) return this.finite.unseen(this.archive.seen);
    const { space, rng } = this.context;
    const keys = new Set<string>();
    const set: CandidateSet = { genomes: [], keys: [], features: [] };
    for (let attempts = 0; set.keys.length < this.options.sampleSize && attempts < this.options.sampleSize * 3; attempts += 1) {
      const genome = space.sample(rng);
      const key = space.key(genome);
      if (keys.has(key) || this.archive.seen.has(key)) continue;
      keys.add(key);
      set.genomes.push(genome);
      set.keys.push(key);
      set.features.push(this.encoder.encode(genome));
    }
    return set;
  }
}

function drawUniform(set: CandidateSet, count: number, randomInt: (n: number) => number): Genome[] {
  const order = set.keys.map((_, index) => index);
  const picked: Genome[] = [];
  for (let i = 0; i < Math.min(count, order.length); i += 1) {
    const j = i + randomInt(order.length - i);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
    picked.push(set.genomes[order[i] as number] as Genome);
  }
  return picked;
}
