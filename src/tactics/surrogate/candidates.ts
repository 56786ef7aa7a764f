// Where surrogate tactics look for their next candidates: the whole space or pool when it is small enough to
// score every member, otherwise what an evolutionary search over the predicted objectives visits.

import { EvaluationTermination, minimize, Nsga2Algorithm, type Individual } from '../../algorithms/index.js';
import type { Rng } from '../../core/rng.js';
import { enumerateGenomes, singleGeneNeighbours } from '../../space/index.js';
import type { FeatureEncoder, Genome, SearchSpace } from '../../space/types.js';

export interface CandidateSet {
  readonly genomes: Genome[];
  readonly keys: string[];
  readonly features: Float64Array[];
}

/** Every member of a finite candidate list (the pool, or the enumerated space), encoded once. */
export class FiniteCandidates {
  private readonly genomes: Genome[];
  private readonly keys: string[];
  private readonly features: Float64Array[];

  constructor(space: SearchSpace, encoder: FeatureEncoder, members: Iterable<Genome>) {
    this.genomes = [];
    this.keys = [];
    this.features = [];
    const seen = new Set<string>();
    for (const raw of members) {
      const genome = space.canonicalize(raw);
      const key = space.key(genome);
      if (seen.has(key)) continue;
      seen.add(key);
      this.genomes.push(genome);
      this.keys.push(key);
      this.features.push(encoder.encode(genome));
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** Members whose keys are not in `exclude`. */
  unseen(exclude: ReadonlySet<string>): CandidateSet {
    const genomes: Genome[] = [];
    const keys: string[] = [];
    const features: Float64Array[] = [];
    this.keys.forEach((key, index) => {
      if (exclude.has(key)) return;
      genomes.push(this.genomes[index] as Genome);
      keys.push(key);
      features.push(this.features[index] as Float64Array);
    });
    return { genomes, keys, features };
  }
}

/** The finite candidate list of a space or pool, or null when the space is too large to enumerate. */
export function finiteCandidates(
  space: SearchSpace,
  encoder: FeatureEncoder,
  pool: readonly Genome[] | undefined,
  enumerationLimit: number,
): FiniteCandidates | null {
  if (pool !== undefined) return new FiniteCandidates(space, encoder, pool);
  if (space.cardinality() > BigInt(enumerationLimit)) return null;
  return new FiniteCandidates(space, encoder, enumerateGenomes(space));
}

export type PredictMeans = (features: readonly Float64Array[]) => number[][];

/**
 * Candidates for a space too large to enumerate: every architecture an NSGA-II run over the predicted
 * objectives visits (started from the best observed architectures), plus all single-gene neighbours of the
 * observed front. Returns unseen ones only.
 */
export function evolvedCandidates(options: {
  space: SearchSpace;
  encoder: FeatureEncoder;
  rng: Rng;
  predictMeans: PredictMeans;
  objectiveCount: number;
  seeds: readonly Individual[];
  frontGenomes: readonly Genome[];
  exclude: ReadonlySet<string>;
  populationSize: number;
  evaluations: number;
}): CandidateSet {
  const { space, encoder } = options;
  const collected = new Map<string, { genome: Genome; features: Float64Array }>();
  const algorithm = new Nsga2Algorithm({
    space,
    rng: options.rng,
    populationSize: options.populationSize,
    objectiveCount: options.objectiveCount,
  });
  // Warm start: the observed architectures enter the population with their true values and are never asked.
  if (options.seeds.length > 0) algorithm.tell(options.seeds);
  minimize(
    algorithm,
    (genomes, keys) => {
      const features = genomes.map((genome) => encoder.encode(genome));
      const means = options.predictMeans(features);
      return genomes.map((genome, index) => {
        const key = keys?.[index] ?? space.key(genome);
        if (!options.exclude.has(key)) collected.set(key, { genome, features: features[index] as Float64Array });
        return { genome, key, objectives: means[index] as number[], violation: 0 };
      });
    },
    new EvaluationTermination(options.evaluations),
  );
  for (const genome of options.frontGenomes) {
    for (const { genome: neighbour, key } of singleGeneNeighbours(space, genome)) {
      if (options.exclude.has(key) || collected.has(key)) continue;
      collected.set(key, { genome: neighbour, features: encoder.encode(neighbour) });
    }
  }
  const genomes: Genome[] = [];
  const keys: string[] = [];
  const features: Float64Array[] = [];
  for (const [key, entry] of collected) {
    keys.push(key);
    genomes.push(entry.genome);
    features.push(entry.features);
  }
  return { genomes, keys, features };
}
