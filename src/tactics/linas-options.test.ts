// The LINAS loop's experimental options: each keeps the tactic's contract (new architectures only, full batches,
// deterministic for a seed) and does what it says.

import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { paretoFrontIndices } from '../indicators/index.js';
import { createEncoder, createSearchSpace } from '../space/index.js';
import type { FeatureEncoder, Genome } from '../space/types.js';
import { CARVE_DEFAULTS, LinasTactic } from './linas.js';
import type { Observation, TacticContext } from './types.js';

const space = createSearchSpace({
  name: 'grid',
  genes: Array.from({ length: 6 }, (_, gene) => ({ name: `g${gene}`, choices: [0, 1, 2, 3] })),
});
const cost = (genome: Genome): number => genome.reduce((sum, choice) => sum + choice, 0);
const error = (genome: Genome): number => 30 - 2 * cost(genome) + (genome[0] === 3 ? -5 : 0) + (genome[1] === 0 ? 3 : 0);
const observe = (genomes: readonly Genome[], valuesOf = (genome: Genome): number[] => [error(genome), cost(genome)]): Observation[] =>
  genomes.map((genome) => {
    const values = valuesOf(genome);
    return { genome, key: space.key(genome), values, objectives: values, violation: 0 };
  });

interface RunContext {
  features?: FeatureEncoder;
  costFeatures?: FeatureEncoder;
  pool?: readonly Genome[];
  objectives?: TacticContext['objectives'];
  exact?: NonNullable<TacticContext['exact']>;
  /** The objective values of a genome (default: error, cost). */
  values?: (genome: Genome) => number[];
}

function run(
  options: Record<string, unknown>,
  seed = 5,
  { values, ...extra }: RunContext = {},
  iterations = 3,
  described?: unknown[],
): { batches: Genome[][]; tactic: LinasTactic } {
  const tactic = new LinasTactic(
    {
      space,
      objectives: [
        { name: 'error', direction: 'minimize', unit: '%' },
        { name: 'cost', direction: 'minimize', unit: '' },
      ],
      ...extra,
      rng: createRng(seed),
      populationSize: 50,
      // The plain loop unless a test asks for more: carve's defaults enumerate a space this small, use the
      // features a space offers, refine the front's ends and reorder each batch.
      options: { innerEvaluations: 300, batchSize: 15, enumerateLimit: 0, endNeighbours: 0, features: 'one-hot', batchOrder: 'chosen', initialSize: 0, ...options },
    },
    'carve',
    CARVE_DEFAULTS,
  );
  const batches: Genome[][] = [];
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const batch = tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: batches.flat().length });
    if (described !== undefined) described.push(tactic.describeLastProposal());
    batches.push(batch);
    tactic.observe(observe(batch, values));
  }
  return { batches, tactic };
}

const variants: Record<string, unknown>[] = [
  {},
  { initialSize: 10 },
  { innerPopulation: 30 },
  { warmStart: true },
  { bootstrap: true },
  { localCount: 5 },
  { enumerateLimit: 5000, localCount: 3 },
  { enumerateLimit: 5000 },
  { endNeighbours: 2 },
  { enumerateLimit: 5000, hviSlots: 3 },
  { enumerateLimit: 5000, hviSlots: 3, hviOptimism: 0.05 },
  { models: ['svr-rank', 'ridge-rank', 'ridge/counts'] },
  { enumerateLimit: 5000, endNeighbours: 2, endMargin: 0.05 },
  { enumerateLimit: 5000, noisySlots: 4 },
  { combineModels: 'stack' },
  { initialDesign: 'balanced' },
  { enumerateLimit: 5000, noveltyBonus: 2 },
  { proxy: true, models: ['proxy+svr', 'svr-rank'] },
  { enumerateLimit: 5000, endNeighbours: 2, batchOrder: 'hvi' },
];

describe.each(variants)('LINAS options %j', (options) => {
  it('proposes full batches of new architectures, the same for the same seed', () => {
    const { batches } = run(options);
    const keys = batches.flat().map((genome) => space.key(genome));
    expect(new Set(keys).size).toBe(keys.length);
    expect(batches.map((batch) => batch.length)).toEqual([options['initialSize'] === 10 ? 10 : 15, 15, 15]);
    expect(run(options).batches).toEqual(batches);
  });
});

describe('LINAS option effects', () => {
  it('changes the proposals only where an option is set', () => {
    const base = run({}).batches;
    for (const options of variants.slice(1)) {
      const { batches } = run(options);
      if (options['initialSize'] === undefined && options['initialDesign'] === undefined) expect(batches[0]).toEqual(base[0]);
      expect(batches.slice(1)).not.toEqual(base.slice(1));
    }
  });

  it('localCount puts single-gene neighbours of the validated front first in the batch', () => {
    const { batches } = run({ localCount: 5 });
    const validated = [...(batches[0] as Genome[]), ...(batches[1] as Genome[])];
    const front = paretoFrontIndices(validated.map((genome) => [error(genome), cost(genome)])).map((index) => validated[index] as Genome);
    for (const genome of (batches[2] as Genome[]).slice(0, 5)) {
      const distances = front.map((member) => member.filter((choice, gene) => choice !== genome[gene]).length);
      expect(Math.min(...distances)).toBe(1);
    }
  });

  it('localCount also takes single-gene neighbours of the validated front when the space is predicted exhaustively', () => {
    // Per model-based batch: how many of its first three picks differ in one gene from a member of the front of
    // everything validated before it.
    const nextToFront = (batches: readonly Genome[][]): number[] =>
      batches.slice(1).map((batch, at) => {
        const validated = batches.slice(0, at + 1).flat();
        const front = paretoFrontIndices(validated.map((genome) => [error(genome), cost(genome)])).map((index) => validated[index] as Genome);
        const nearest = (genome: Genome): number => Math.min(...front.map((member) => member.filter((choice, gene) => choice !== genome[gene]).length));
        return batch.slice(0, 3).filter((genome) => nearest(genome) === 1).length;
      });
    const local = run({ enumerateLimit: 5000, hviSlots: 0, localCount: 3 }, 5, {}, 6).batches;
    const plain = run({ enumerateLimit: 5000, hviSlots: 0 }, 5, {}, 6).batches;
    expect(nextToFront(local)).toEqual([3, 3, 3, 3, 3]);
    // Without the option the exhaustive batch's first picks are not always next to the front.
    expect(nextToFront(plain).some((count) => count < 3)).toBe(true);
    expect(plain[0]).toEqual(local[0]);
  });

  it('refuses options it does not have, naming them', () => {
    expect(() => run({ pick: 'hvi' })).toThrow(/no option "pick"/);
    expect(() => run({ features: 'paths' })).toThrow(/unknown features "paths"/);
    expect(() => run({ combineModels: 'vote' })).toThrow(/unknown choice "vote"/);
  });

  it('enumerateLimit predicts the whole small space: the batch is the predicted front of everything unseen', () => {
    // 4^6 = 4,096 architectures: enumerated under a limit of 5,000, searched by the inner NSGA-II under 4,000.
    const enumerated = run({ enumerateLimit: 5000 }).batches;
    const inner = run({ enumerateLimit: 4000 }).batches;
    expect(inner).toEqual(run({}).batches);
    expect(enumerated.slice(1)).not.toEqual(inner.slice(1));
    // Filled front by front from predictions of all 4,096: the model batches reach further along the (linear)
    // cost axis than the random first batch does.
    const cheapest = (batch: readonly Genome[]): number => Math.min(...batch.map(cost));
    expect(cheapest(enumerated[0] as Genome[])).toBeGreaterThanOrEqual(3);
    expect(cheapest(enumerated[1] as Genome[])).toBeLessThanOrEqual(1);
  });

  it('batchOrder reorders each batch and changes nothing in it', () => {
    const keysOf = (batch: readonly Genome[]): string[] => batch.map((genome) => space.key(genome));
    const base = { enumerateLimit: 5000, endNeighbours: 2 };
    // Five batches: the models learn from each batch in the order it was chosen, so what is chosen next never
    // depends on the order of validation.
    const chosen = run(base, 5, {}, 5).batches;
    const hvi = run({ ...base, batchOrder: 'hvi' }, 5, {}, 5).batches;
    const endsFirst = run({ ...base, batchOrder: 'ends-hvi' }, 5, {}, 5).batches;
    for (const batches of [hvi, endsFirst]) {
      expect(batches.map((batch) => keysOf(batch).sort())).toEqual(chosen.map((batch) => keysOf(batch).sort()));
      expect(batches.slice(1)).not.toEqual(chosen.slice(1));
      // The random first batch is not predicted: it keeps its order.
      expect(batches[0]).toEqual(chosen[0]);
    }
    // 'ends-hvi' keeps the 4 end slots (2 per objective) in front, as chosen.
    for (const [index, batch] of endsFirst.entries()) expect(batch.slice(0, 4)).toEqual((chosen[index] as Genome[]).slice(0, 4));
    // Without the inner search's luck: the inner NSGA-II path is reordered the same way.
    const inner = run({ batchOrder: 'hvi' }, 5, {}, 5).batches;
    expect(inner.map((batch) => keysOf(batch).sort())).toEqual(run({}, 5, {}, 5).batches.map((batch) => keysOf(batch).sort()));
    expect(() => run({ batchOrder: 'best' })).toThrow(/unknown choice "best"/);
  });

  it('batchOrder never lets the order of validation reach the models', () => {
    // With a bootstrap resample the training rows' order decides what is drawn; the tactic learns each batch in
    // the order it chose it, however the study hands the results back.
    const proposals = (reverse: boolean): Genome[][] => {
      const tactic = new LinasTactic(
        {
          space,
          objectives: [
            { name: 'error', direction: 'minimize', unit: '%' },
            { name: 'cost', direction: 'minimize', unit: '' },
          ],
          rng: createRng(7),
          populationSize: 50,
          options: { batchSize: 12, enumerateLimit: 5000, endNeighbours: 2, features: 'one-hot', bootstrap: true, batchOrder: 'hvi' },
        },
        'carve',
        CARVE_DEFAULTS,
      );
      const batches: Genome[][] = [];
      for (let iteration = 0; iteration < 4; iteration += 1) {
        const batch = tactic.propose({ plannedEvaluations: 48, evaluationsSoFar: 12 * iteration });
        batches.push(batch);
        const observed = observe(batch);
        tactic.observe(reverse ? observed.reverse() : observed);
      }
      return batches;
    };
    expect(proposals(true)).toEqual(proposals(false));
  });

  it('hviSlots fills the first slots of an exhaustive batch by predicted hypervolume improvement', () => {
    const fronts = run({ enumerateLimit: 5000 }).batches;
    const hvi = run({ enumerateLimit: 5000, hviSlots: 3 }).batches;
    expect(hvi[0]).toEqual(fronts[0]);
    expect(hvi.slice(1)).not.toEqual(fronts.slice(1));
  });

  it('noveltyBonus moves an exhaustive batch away from what was validated', () => {
    const nearestDistance = (genome: Genome, validated: readonly Genome[]): number =>
      Math.min(...validated.map((member) => member.filter((choice, gene) => choice !== genome[gene]).length));
    const meanDistance = (batches: Genome[][], at: number): number => {
      const validated = batches.slice(0, at).flat();
      const batch = batches[at] as Genome[];
      return batch.reduce((sum, genome) => sum + nearestDistance(genome, validated), 0) / batch.length;
    };
    const plain = run({ enumerateLimit: 5000 }, 5, {}, 4).batches;
    const novel = run({ enumerateLimit: 5000, noveltyBonus: 3 }, 5, {}, 4).batches;
    expect(novel[0]).toEqual(plain[0]);
    const gains = [1, 2, 3].map((at) => meanDistance(novel, at) - meanDistance(plain, at));
    expect(gains.reduce((sum, gain) => sum + gain, 0)).toBeGreaterThan(0.5);
    // Only the exhaustive fill is optimistic: under the inner NSGA-II the bonus changes nothing.
    expect(run({ noveltyBonus: 3 }).batches).toEqual(run({}).batches);
    // On the accuracy only: the cost is left at its prediction, so the batches differ from the bonus on both.
    expect(run({ enumerateLimit: 5000, noveltyBonus: 3, noveltyFor: 'accuracy' }, 5, {}, 4).batches.slice(1)).not.toEqual(novel.slice(1));
    for (const bad of [-1, -0.5]) {
      expect(() => run({ enumerateLimit: 5000, noveltyBonus: bad })).toThrow(/is not a finite number >= 0/);
    }
    expect(run({ enumerateLimit: 5000, noveltyBonus: 3, noveltyFor: 'costs' }, 5, {}, 4).batches.slice(1)).not.toEqual(novel.slice(1));
    expect(() => run({ noveltyFor: 'latency' })).toThrow(/unknown choice "latency"/);
  });

  it('hviOptimism scores the hviSlots picks ahead of their predictions, and nothing else', () => {
    const plain = run({ enumerateLimit: 5000, hviSlots: 3 }).batches;
    const optimistic = run({ enumerateLimit: 5000, hviSlots: 3, hviOptimism: 0.05 }).batches;
    expect(optimistic[0]).toEqual(plain[0]);
    expect(optimistic.slice(1)).not.toEqual(plain.slice(1));
    // Without hvi slots there is nothing to be optimistic about.
    expect(run({ enumerateLimit: 5000, hviOptimism: 0.05 }).batches).toEqual(run({ enumerateLimit: 5000 }).batches);
    for (const bad of [-0.01, 1]) {
      expect(() => run({ enumerateLimit: 5000, hviSlots: 3, hviOptimism: bad })).toThrow(
        expect.objectContaining({ field: 'tacticOptions.hviOptimism', message: expect.stringMatching(/is not in \[0, 1\)/) }),
      );
    }
  });

  it('endMargin gives an end slot only to a neighbour predicted past that end, the rest of the batch otherwise', () => {
    const ends = run({ enumerateLimit: 5000, endNeighbours: 2 }).batches;
    // A margin no neighbour can clear: every slot goes to the exhaustive fill, as without end slots.
    expect(run({ enumerateLimit: 5000, endNeighbours: 2, endMargin: 0.99 }).batches).toEqual(run({ enumerateLimit: 5000, endNeighbours: 0 }).batches);
    const margin = run({ enumerateLimit: 5000, endNeighbours: 2, endMargin: 0.05 }).batches;
    expect(margin[0]).toEqual(ends[0]);
    expect(margin.slice(1)).not.toEqual(ends.slice(1));
    // Only the cost's end under a margin: the error's end slots are filled as without one.
    const costsOnly = run({ enumerateLimit: 5000, endNeighbours: 2, endMargin: 0.99, endMarginFor: 'costs' }).batches;
    expect(costsOnly.slice(1)).not.toEqual(run({ enumerateLimit: 5000, endNeighbours: 0 }).batches.slice(1));
    expect(() => run({ endNeighbours: 2, endMargin: 0.05, endMarginFor: 'latency' })).toThrow(/unknown choice "latency"/);
    for (const bad of [-0.5, 1]) {
      expect(() => run({ endNeighbours: 2, endMargin: bad })).toThrow(
        expect.objectContaining({ field: 'tacticOptions.endMargin', message: expect.stringMatching(/is not in \[0, 1\)/) }),
      );
    }
  });

  it('noisySlots fills the first slots of an exhaustive batch by expected improvement under out-of-fold residuals', () => {
    const fronts = run({ enumerateLimit: 5000 }).batches;
    const noisy = run({ enumerateLimit: 5000, noisySlots: 4 }).batches;
    expect(noisy[0]).toEqual(fronts[0]);
    expect(noisy.slice(1)).not.toEqual(fronts.slice(1));
    // More residuals behind each outcome is another acquisition.
    expect(run({ enumerateLimit: 5000, noisySlots: 4, residualNeighbours: 30 }).batches.slice(1)).not.toEqual(noisy.slice(1));
    expect(() => run({ enumerateLimit: 5000, noisySlots: 4, residualNeighbours: 0 })).toThrow(expect.objectContaining({ field: "tacticOptions.residualNeighbours", message: expect.stringMatching(/0 is not a positive integer/) }));
  });

  it("initialDesign 'balanced' uses every choice of every gene equally often in the first batch", () => {
    const first = run({ initialDesign: 'balanced', batchSize: 12 }).batches[0] as Genome[];
    expect(first).toHaveLength(12);
    for (let gene = 0; gene < 6; gene += 1) {
      const counts = [0, 1, 2, 3].map((choice) => first.filter((genome) => genome[gene] === choice).length);
      expect(counts).toEqual([3, 3, 3, 3]);
    }
    expect(() => run({ initialDesign: 'sobol' })).toThrow(/unknown choice "sobol"/);
  });

  it("endAllocation 'gain' starts even, keeps one slot per end and moves the others to the end that pays", () => {
    const evenSlots: unknown[] = [];
    const gainSlots: unknown[] = [];
    const even = run({ endNeighbours: 2 }, 5, {}, 6, evenSlots).batches;
    const gain = run({ endNeighbours: 2, endAllocation: 'gain' }, 5, {}, 6, gainSlots).batches;
    const slots = (described: unknown[]): (number[] | undefined)[] => described.map((entry) => (entry as { endSlots?: number[] } | undefined)?.endSlots);
    expect(slots(evenSlots).slice(1)).toEqual([[2, 2], [2, 2], [2, 2], [2, 2], [2, 2]]);
    const gained = slots(gainSlots).slice(1) as number[][];
    expect(gained[0]).toEqual([2, 2]);
    for (const quota of gained) {
      expect(quota[0] as number).toBeGreaterThanOrEqual(1);
      expect(quota[1] as number).toBeGreaterThanOrEqual(1);
      expect((quota[0] as number) + (quota[1] as number)).toBe(4);
    }
    expect(gained.some((quota) => quota[0] !== 2)).toBe(true);
    expect(gain.slice(0, 2)).toEqual(even.slice(0, 2));
    expect(() => run({ endAllocation: 'fair' })).toThrow(/unknown choice "fair"/);
  });

  it('enumerateLimit over a pool proposes pool members only', () => {
    const pool = Array.from({ length: 300 }, (_, index) => [index % 4, (index >> 2) % 4, (index >> 4) % 4, (index >> 6) % 4, 0, 1]);
    const { batches } = run({ enumerateLimit: 1000 }, 5, { pool });
    const allowed = new Set(pool.map((genome) => space.key(genome)));
    for (const genome of batches.slice(1).flat()) expect(allowed.has(space.key(genome))).toBe(true);
  });

  it('endNeighbours puts unseen single-gene neighbours of each end of the validated front first', () => {
    const { batches } = run({ endNeighbours: 2 });
    const validated = [...(batches[0] as Genome[]), ...(batches[1] as Genome[])];
    const vectors = validated.map((genome) => [error(genome), cost(genome)]);
    const front = paretoFrontIndices(vectors);
    for (const [objective, picks] of [[0, (batches[2] as Genome[]).slice(0, 2)], [1, (batches[2] as Genome[]).slice(2, 4)]] as const) {
      // The front's best member in this objective, or the next one when it had no unseen neighbours left.
      const ends = [...front].sort((a, b) => (vectors[a]?.[objective] as number) - (vectors[b]?.[objective] as number));
      for (const genome of picks) {
        const distances = ends.slice(0, 2).map((member) => (validated[member] as Genome).filter((choice, gene) => choice !== genome[gene]).length);
        expect(Math.min(...distances)).toBe(1);
      }
    }
  });

  it("features 'space' trains on the encoder the space's owner offers; 'one-hot' ignores it", () => {
    let calls = 0;
    const doubled: FeatureEncoder = {
      kind: 'doubled',
      width: 48,
      encode(genome) {
        calls += 1;
        const features = new Float64Array(48);
        genome.forEach((choice, gene) => {
          features[gene * 4 + (choice as number)] = 1;
          features[24 + gene * 4 + (choice as number)] = (choice as number) > 1 ? 1 : 0;
        });
        return features;
      },
    };
    run({ features: 'one-hot' }, 5, { features: doubled });
    expect(calls).toBe(0);
    const offered = run({ features: 'space' }, 5, { features: doubled }).batches;
    expect(calls).toBeGreaterThan(0);
    expect(offered[0]).toEqual(run({}).batches[0]);
    expect(run({ features: 'space' }).batches).toEqual(run({}).batches);
  });

  it('skipDegenerate never proposes what the offered encoder calls degenerate, in every search path', () => {
    const flagged: FeatureEncoder = {
      kind: 'flagged',
      width: 24,
      encode(genome) {
        const features = new Float64Array(24);
        genome.forEach((choice, gene) => {
          features[gene * 4 + (choice as number)] = 1;
        });
        return features;
      },
      degenerate: (genome) => genome[0] === 0,
    };
    const paths = [{}, { enumerateLimit: 5000 }, { endNeighbours: 2 }, { localCount: 5 }];
    for (const options of paths) {
      const kept = run({ ...options, features: 'space', skipDegenerate: false }, 5, { features: flagged }).batches.flat();
      expect(kept.some((genome) => genome[0] === 0)).toBe(true);
      const { batches } = run({ ...options, features: 'space', skipDegenerate: true }, 5, { features: flagged });
      expect(batches.map((batch) => batch.length)).toEqual([15, 15, 15]);
      expect(batches.flat().filter((genome) => genome[0] === 0)).toEqual([]);
    }
  });

  it("models named '/one-hot' see the plain one-hot beside the offered features, and win where it is what matters", () => {
    // Offered features that know nothing of the genome: only a model on the one-hot can rank the cost.
    const blind: FeatureEncoder = { kind: 'blind', width: 3, encode: () => Float64Array.of(1, 0, 1) };
    const { tactic } = run({ features: 'space', models: ['ridge', 'ridge/one-hot'] }, 5, { features: blind });
    const described = tactic.describeLastProposal() as { models: { objective: string; model: string; cvKendallTau: number }[] };
    expect(described.models.map((model) => model.model)).toEqual(['ridge/one-hot', 'ridge/one-hot']);
    expect(described.models[1]?.cvKendallTau).toBeGreaterThan(0.9);
    // On plain one-hot features a '/one-hot' model is dropped beside others, and alone it is the plain model.
    expect(run({ models: ['ridge-rank', 'ridge/one-hot'] }).batches).toEqual(run({ models: ['ridge-rank'] }).batches);
    expect(run({ models: ['ridge/one-hot'] }).batches).toEqual(run({ models: ['ridge'] }).batches);
    expect(() => run({ models: ['ridge/paths'] })).toThrow(/unknown features in model "ridge\/paths"/);
  });

  it("proxy gives the 'proxy+' models the space's zero-cost proxy, for the accuracy only, and only when asked", () => {
    // Features that know nothing of the genome beside a proxy that orders the error exactly (its negative, squashed):
    // only a model that sees the proxy can rank the error; the other models never see the proxy column.
    const blind = (): Float64Array => Float64Array.of(1, 0, 1);
    const proxied: FeatureEncoder = { kind: 'proxied', width: 3, encode: blind, proxy: (genome) => -Math.cbrt(error(genome)) };
    const plain: FeatureEncoder = { kind: 'plain', width: 3, encode: blind };
    const models = ['proxy+svr', 'svr-rank', 'ridge-rank'];
    const described = (options: Record<string, unknown>, features: FeatureEncoder) =>
      run({ features: 'space', models, ...options }, 5, { features }).tactic.describeLastProposal() as { models: { model: string; cvKendallTau: number }[] };
    const withProxy = described({ proxy: true }, proxied);
    expect(withProxy.models[0]?.model).toBe('proxy+svr');
    expect(withProxy.models[0]?.cvKendallTau).toBeGreaterThan(0.8);
    // The cost is offered the other models only, though this proxy tracks it too (the error falls as the cost rises).
    expect(withProxy.models[1]?.model).not.toMatch(/^proxy\+/);
    expect(Math.abs(withProxy.models[1]?.cvKendallTau ?? 0)).toBeLessThan(0.3);
    // Off: the 'proxy+' model is not offered, and the others rank the error no better than the cost.
    const without = described({ proxy: false }, proxied);
    expect(without.models.every((model) => !model.model.startsWith('proxy+'))).toBe(true);
    expect(Math.abs(without.models[0]?.cvKendallTau ?? 0)).toBeLessThan(0.3);
    // On a space without a proxy the option changes nothing.
    expect(run({ features: 'space', models, proxy: true }, 5, { features: plain }).batches).toEqual(
      run({ features: 'space', models: ['svr-rank', 'ridge-rank'] }, 5, { features: plain }).batches,
    );
    expect(() => run({ features: 'space', models: ['proxy+svr'], proxy: true }, 5, { features: plain })).toThrow(
      expect.objectContaining({ field: 'tacticOptions.models', message: expect.stringMatching(/offers no zero-cost proxy/) }),
    );
    expect(() => run({ features: 'space', models: ['proxy+svr'], proxy: false }, 5, { features: proxied })).toThrow(/tacticOptions.proxy is off/);
    expect(() => run({ features: 'space', models: ['proxy+svr/one-hot', 'svr-rank'] }, 5, { features: proxied })).toThrow(/not the proxy/);
  });

  it("a plain one-hot with a proxy stays the plain one-hot: '/one-hot' models are dropped, the others never see the proxy", () => {
    const oneHot = createEncoder(space, 'one-hot');
    const withProxy: FeatureEncoder = { kind: oneHot.kind, width: oneHot.width, encode: (genome) => oneHot.encode(genome), proxy: (genome) => -error(genome) };
    const batches = (models: string[], features: FeatureEncoder = withProxy): Genome[][] =>
      run({ features: 'space', proxy: true, models }, 7, { features }).batches;
    // Beside other models a '/one-hot' model would be one more model on the same columns: dropped, same batches.
    expect(batches(['proxy+svr', 'ridge-rank', 'ridge/one-hot'])).toEqual(batches(['proxy+svr', 'ridge-rank']));
    // Alone it is the plain model on the one-hot without the proxy column (which orders the error exactly here):
    // what it gives with no proxy at all.
    expect(batches(['ridge/one-hot'])).toEqual(run({ features: 'one-hot', models: ['ridge'] }, 7).batches);
  });

  it('never computes the proxy when every objective is a hardware cost', () => {
    let calls = 0;
    const counted: FeatureEncoder = { kind: 'counted', width: 3, encode: () => Float64Array.of(1, 0, 1), proxy: () => ((calls += 1), 0) };
    const costsOnly = (models: string[]): LinasTactic =>
      new LinasTactic(
        {
          space,
          objectives: [
            { name: 'latency', direction: 'minimize', unit: 'ms', cost: 0.01 },
            { name: 'cost', direction: 'minimize', unit: '', cost: 0.01 },
          ],
          rng: createRng(2),
          populationSize: 50,
          features: counted,
          options: { innerEvaluations: 300, batchSize: 15, enumerateLimit: 0, features: 'space', proxy: true, models },
        },
        'carve',
        CARVE_DEFAULTS,
      );
    const tactic = costsOnly(['proxy+svr', 'ridge']);
    for (let iteration = 0; iteration < 2; iteration += 1) {
      const batch = tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: iteration * 15 });
      tactic.observe(observe(batch));
    }
    expect(calls).toBe(0);
    expect(() => costsOnly(['proxy+svr'])).toThrow(/every objective is a hardware cost/);
  });

  it("models named '/counts' see how often each choice is used, and fit a cost that adds up over what is used", () => {
    // The cost is the sum of the genes' choices: linear in the counts of each choice over the six genes, so a ridge
    // on the four count columns predicts it exactly; the blind features cannot rank it at all.
    const blind: FeatureEncoder = { kind: 'blind', width: 3, encode: () => Float64Array.of(1, 0, 1) };
    const { tactic } = run({ features: 'space', models: ['ridge', 'ridge/counts'] }, 5, { features: blind });
    const described = tactic.describeLastProposal() as { models: { model: string; cvKendallTau: number; cvRmse: number }[] };
    expect(described.models[1]?.model).toBe('ridge/counts');
    // Cost features are for the costs: the accuracy (the first objective, no costs declared) is not offered them,
    // though its targets here add up over the genes too.
    expect(described.models[0]?.model).toBe('ridge');
    expect(described.models[1]?.cvRmse).toBeLessThan(1e-3); // the grid's smallest penalty (1e-4) leaves a hair
    // Beside the plain one-hot it is kept (it sees other columns), and changes what is proposed.
    expect(run({ models: ['ridge-rank', 'ridge/counts'] }).batches.slice(1)).not.toEqual(run({ models: ['ridge-rank'] }).batches.slice(1));
    // Cost features the space's owner offers replace the generic counts: blind ones leave the model nothing to fit.
    const ownCounts = run({ features: 'space', models: ['ridge', 'ridge/counts'] }, 5, { features: blind, costFeatures: blind }).tactic;
    const own = ownCounts.describeLastProposal() as { models: { model: string; cvRmse: number }[] };
    expect(own.models[1]?.cvRmse).toBeGreaterThan(1);
    expect(() => run({ models: ['ridge/counts/one-hot'] })).toThrow(/unknown features in model "ridge\/counts\/one-hot"/);
  });

  it("oneHotModelsFor 'costs' keeps the '/one-hot' models for the hardware costs, not for the accuracy", () => {
    const blind: FeatureEncoder = { kind: 'blind', width: 3, encode: () => Float64Array.of(1, 0, 1) };
    const { tactic } = run({ features: 'space', models: ['ridge', 'ridge/one-hot'], oneHotModelsFor: 'costs' }, 5, { features: blind });
    const described = tactic.describeLastProposal() as { models: { model: string }[] };
    // No objective declares a cost: every objective but the first counts as a hardware cost.
    expect(described.models.map((model) => model.model)).toEqual(['ridge', 'ridge/one-hot']);
    expect(() => run({ oneHotModelsFor: 'latency' })).toThrow(/unknown choice "latency"/);
  });

  it("oneHotModelsFor 'costs' follows the declared costs when the study declares them", () => {
    const blind: FeatureEncoder = { kind: 'blind', width: 3, encode: () => Float64Array.of(1, 0, 1) };
    const tactic = new LinasTactic(
      {
        space,
        features: blind,
        // The hardware cost first, the accuracy second: declared costs say which is which.
        objectives: [
          { name: 'cost', direction: 'minimize', unit: '', cost: 0.01 },
          { name: 'error', direction: 'minimize', unit: '%', cost: 1 },
        ],
        rng: createRng(5),
        populationSize: 50,
        options: { innerEvaluations: 300, batchSize: 15, enumerateLimit: 0, endNeighbours: 0, features: 'space', models: ['ridge', 'ridge/one-hot'], oneHotModelsFor: 'costs' },
      },
      'carve',
      CARVE_DEFAULTS,
    );
    for (let iteration = 0; iteration < 2; iteration += 1) {
      const batch = tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: 15 * iteration });
      tactic.observe(
        batch.map((genome) => {
          const values = [cost(genome), error(genome)];
          return { genome, key: space.key(genome), values, objectives: values, violation: 0 };
        }),
      );
    }
    tactic.propose({ plannedEvaluations: 60, evaluationsSoFar: 30 });
    const described = tactic.describeLastProposal() as { models: { model: string }[] };
    expect(described.models.map((model) => model.model)).toEqual(['ridge/one-hot', 'ridge']);
  });
});

describe('skipRedraws', () => {
  // Gene 5 is computed but never read: genomes that differ only there have one function (and one error), while the
  // hardware still pays for it (cost counts every gene).
  const oneHot = createEncoder(space, 'one-hot');
  const withFunctions: FeatureEncoder = { ...oneHot, encode: (genome) => oneHot.encode(genome), functionKey: (genome) => genome.slice(0, 5).join('') };
  const redrawsAfterFirstBatch = (batches: Genome[][]): number => {
    const cheapest = new Map<string, number>();
    let redraws = 0;
    batches.forEach((batch, index) => {
      for (const genome of batch) {
        const key = genome.slice(0, 5).join('');
        const known = cheapest.get(key);
        if (index > 0 && known !== undefined && cost(genome) >= known) redraws += 1;
        cheapest.set(key, Math.min(known ?? Infinity, cost(genome)));
      }
    });
    return redraws;
  };
  // The cost's end slots may re-draw a function (see skipRedraws); the error's end slots and the fill may not.
  const options = { enumerateLimit: 5000, endNeighbours: 2, features: 'space', models: ['ridge/one-hot', 'svr-rank'] };
  const errorIgnoringGene5 = (genome: Genome): number => 30 - 2 * cost(genome.slice(0, 5)) + (genome[0] === 3 ? -5 : 0);

  function runWithFunctions(extra: Record<string, unknown>): Genome[][] {
    return run({ ...options, ...extra }, 3, {
      features: withFunctions,
      // The cost is computed exactly (as MACs would be), so "predicted cheaper" is "cheaper".
      objectives: [
        { name: 'error', direction: 'minimize', unit: '%', cost: 1 },
        { name: 'cost', direction: 'minimize', unit: '', cost: 0 },
      ],
      exact: { indices: [1], queries: 0, evaluate: (genomes) => genomes.map((genome) => [cost(genome)]) },
      values: (genome) => [errorIgnoringGene5(genome), cost(genome)],
    }, 5).batches;
  }

  it('validates a function again only where it is cheaper', () => {
    expect(redrawsAfterFirstBatch(runWithFunctions({ endNeighbours: 0 }))).toBeGreaterThan(0);
    const batches = runWithFunctions({ endNeighbours: 0, skipRedraws: true });
    expect(redrawsAfterFirstBatch(batches)).toBe(0);
    // With end slots, only the cost's end may re-draw a function.
    expect(redrawsAfterFirstBatch(runWithFunctions({ skipRedraws: true }))).toBeLessThan(redrawsAfterFirstBatch(runWithFunctions({})));
    expect(batches.every((batch) => batch.length === 15)).toBe(true);
    expect(new Set(batches.flat().map((genome) => space.key(genome))).size).toBe(75);
  });

  it("with redrawScope 'ends' leaves the fill alone", () => {
    const fillOnly = { endNeighbours: 0, skipRedraws: true, redrawScope: 'ends' };
    expect(runWithFunctions(fillOnly)).toEqual(runWithFunctions({ endNeighbours: 0 }));
    expect(() => run({ skipRedraws: true, redrawScope: 'fill' })).toThrow(/unknown choice "fill"/);
  });

  it('changes nothing on a space without function keys, and refuses a bad margin', () => {
    const plain = { enumerateLimit: 5000, endNeighbours: 2 };
    expect(run({ ...plain, skipRedraws: true }).batches).toEqual(run(plain).batches);
    for (const bad of [-0.1, 1]) {
      expect(() => run({ redrawMargin: bad })).toThrow(expect.objectContaining({ field: 'tacticOptions.redrawMargin', message: expect.stringMatching(/is not in \[0, 1\)/) }));
    }
  });
});
