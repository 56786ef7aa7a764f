// One benchmark run: a real Study (in-memory SQLite store) of one tactic on one problem, timed and traced.

import type { Evaluator } from '../../evaluators/types.js';
import { openTrialStore } from '../../storage/index.js';
import { Study } from '../../study/index.js';
import { tacticFactory, type Tactic, type TacticFactory } from '../../tactics/index.js';
import { cheapObjectivesOf, normalizeObjectives, type Problem } from '../problem.js';
import type { ObjectiveSpec } from '../../core/objective.js';
import { resolveProblem } from '../registry.js';
import { hypervolume } from '../../indicators/index.js';
import type { RunTrace, TraceRow } from './types.js';

/** Suffix of a bench tactic label that runs it in the cost-aware track, e.g. `carve:cost-aware`. */
export const COST_AWARE_SUFFIX = ':cost-aware';

/** A bench label's tactic name and whether it runs in the cost-aware track. */
export function parseBenchTactic(label: string): { tactic: string; costAware: boolean } {
  return label.endsWith(COST_AWARE_SUFFIX)
    ? { tactic: label.slice(0, -COST_AWARE_SUFFIX.length), costAware: true }
    : { tactic: label, costAware: false };
}

/**
 * The study objectives of a run: in the cost-aware track the problem's cheap objectives get cost 0, so the
 * study lets the tactic compute them itself (every oracle call still returns all objectives and counts).
 */
export function benchObjectives(problem: Problem, costAware: boolean): readonly ObjectiveSpec[] {
  if (!costAware) return problem.objectives;
  const cheap = new Set(cheapObjectivesOf(problem));
  return problem.objectives.map((objective) => (cheap.has(objective.name) ? { ...objective, cost: 0 } : objective));
}

export interface RunRequest {
  readonly problem: string;
  /** A tactic name, optionally with `:cost-aware`. */
  readonly tactic: string;
  readonly seed: number;
  readonly budget: number;
  readonly populationSize: number;
  readonly tacticOptions?: Readonly<Record<string, unknown>>;
  readonly dataDir?: string;
  /**
   * Stop the run after the batch in which HV first reaches this share of HV_true (e.g. 0.99). The trace is then a
   * prefix of the full run's (runs are deterministic per seed), so every level up to this one scores as in a full run.
   */
  readonly stopAt?: number;
}

/** Wraps a tactic so that the time of each propose/observe cycle is recorded. */
function timedFactory(factory: TacticFactory, cycles: number[], cheap: { queries: () => number }): TacticFactory {
  return (context) => {
    const inner = factory(context);
    const exact = context.exact;
    if (exact !== undefined) cheap.queries = () => exact.queries;
    let current = 0;
    const timed: Tactic = {
      name: inner.name,
      propose(proposal) {
        const started = performance.now();
        const genomes = inner.propose(proposal);
        current = performance.now() - started;
        return genomes;
      },
      observe(batch) {
        const started = performance.now();
        inner.observe(batch);
        cycles.push(current + performance.now() - started);
      },
    };
    return timed;
  };
}

/** Counts the time spent inside the oracle. */
function timedEvaluator(evaluator: Evaluator, spent: { ms: number }): Evaluator {
  const sync = evaluator.evaluateSync?.bind(evaluator);
  return {
    id: evaluator.id,
    provides: evaluator.provides,
    // Cheap objectives computed by the tactic are machinery, not oracle calls.
    ...(sync === undefined ? {} : { evaluateSync: sync }),
    async evaluate(candidates) {
      const started = performance.now();
      try {
        return await evaluator.evaluate(candidates);
      } finally {
        spent.ms += performance.now() - started;
      }
    },
  };
}

/** The study's completed trials in order, as trace rows (raw values in the problem's objective order). */
function traceRows(problem: Problem, study: Study): TraceRow[] {
  const reference = problem.reference;
  const rows: TraceRow[] = [];
  for (const trial of study.trials()) {
    if (trial.state !== 'complete' || trial.values === null) continue;
    rows.push({
      k: rows.length + 1,
      key: trial.key,
      nativeId: reference === undefined ? trial.key : reference.nativeId(trial.key),
      values: problem.objectives.map((objective) => trial.values?.[objective.name] as number),
    });
  }
  return rows;
}

/** HV of trace rows over HV_true, in the protocol's normalised space (what scoreRows computes for the last row). */
function hvRatioOf(problem: Problem, rows: readonly TraceRow[]): number {
  const reference = problem.reference;
  if (reference === undefined) throw new Error(`${problem.id} has no reference front`);
  if (rows.length === 0) return 0;
  return hypervolume(rows.map((row) => normalizeObjectives(problem, row.values)), problem.objectives.map(() => 1)) / reference.hvTrue;
}

export async function runBenchmark(request: RunRequest): Promise<RunTrace> {
  const problem: Problem = resolveProblem(request.problem, request.dataDir === undefined ? {} : { dataDir: request.dataDir });
  const cycles: number[] = [];
  const oracle = { ms: 0 };
  const cheap = { queries: (): number => 0 };
  const { tactic, costAware } = parseBenchTactic(request.tactic);
  const objectives = benchObjectives(problem, costAware);
  const store = await openTrialStore('sqlite::memory:');
  const started = performance.now();
  try {
    const study = await Study.open({
      store,
      name: 'bench',
      settings: {
        formatVersion: 1,
        problem: problem.id,
        objectives,
        tactic,
        tacticOptions: request.tacticOptions ?? {},
        seed: request.seed,
        populationSize: request.populationSize,
        budget: request.budget,
      },
      environment: {
        space: problem.space,
        codec: problem.codec,
        evaluators: [timedEvaluator(problem.createEvaluator(), oracle)],
        createTactic: timedFactory(tacticFactory(tactic), cycles, cheap),
        ...(problem.pool === undefined ? {} : { pool: problem.pool }),
        ...(problem.features === undefined ? {} : { features: problem.features }),
        ...(problem.costFeatures === undefined ? {} : { costFeatures: problem.costFeatures }),
      },
      mode: 'create',
    });
    const stopAt = request.stopAt;
    if (stopAt === undefined) await study.optimize({ budget: request.budget });
    else {
      const controller = new AbortController();
      await study.optimize({
        budget: request.budget,
        signal: controller.signal,
        onProgress: () => {
          if (hvRatioOf(problem, traceRows(problem, study)) >= stopAt - 1e-12) controller.abort();
        },
      });
    }
    const totalMs = performance.now() - started;
    const rows = traceRows(problem, study);
    return {
      problem: problem.id,
      tactic: request.tactic,
      seed: request.seed,
      budget: request.budget,
      ...(stopAt === undefined ? {} : { stopAt }),
      objectives: problem.objectives.map((objective) => objective.name),
      rows,
      machineryMsPerIteration: cycles,
      machineryMsTotal: totalMs - oracle.ms,
      cheapQueries: cheap.queries(),
      oracleMsTotal: oracle.ms,
    };
  } finally {
    await store.close();
  }
}
