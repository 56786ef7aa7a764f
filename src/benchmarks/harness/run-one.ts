// One benchmark run: a real Study (in-memory SQLite store) of one tactic on one problem, timed and traced.

import type { Evaluator } from '../../evaluators/types.js';
import { openTrialStore } from '../../storage/index.js';
import { Study } from '../../study/index.js';
import { tacticFactory, type Tactic, type TacticFactory } from '../../tactics/index.js';
import type { Problem } from '../problem.js';
import { resolveProblem } from '../registry.js';
import type { RunTrace, TraceRow } from './types.js';

export interface RunRequest {
  readonly problem: string;
  readonly tactic: string;
  readonly seed: number;
  readonly budget: number;
  readonly populationSize: number;
  readonly tacticOptions?: Readonly<Record<string, unknown>>;
  readonly dataDir?: string;
}

/** Wraps a tactic so that the time of each propose/observe cycle is recorded. */
function timedFactory(factory: TacticFactory, cycles: number[]): TacticFactory {
  return (context) => {
    const inner = factory(context);
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
  return {
    id: evaluator.id,
    provides: evaluator.provides,
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

export async function runBenchmark(request: RunRequest): Promise<RunTrace> {
  const problem: Problem = resolveProblem(request.problem, request.dataDir === undefined ? {} : { dataDir: request.dataDir });
  const reference = problem.reference;
  const cycles: number[] = [];
  const oracle = { ms: 0 };
  const store = await openTrialStore('sqlite::memory:');
  const started = performance.now();
  try {
    const study = await Study.open({
      store,
      name: 'bench',
      settings: {
        formatVersion: 1,
        problem: problem.id,
        objectives: problem.objectives,
        tactic: request.tactic,
        tacticOptions: request.tacticOptions ?? {},
        seed: request.seed,
        populationSize: request.populationSize,
        budget: request.budget,
      },
      environment: {
        space: problem.space,
        codec: problem.codec,
        evaluators: [timedEvaluator(problem.createEvaluator(), oracle)],
        createTactic: timedFactory(tacticFactory(request.tactic), cycles),
        ...(problem.pool === undefined ? {} : { pool: problem.pool }),
      },
      mode: 'create',
    });
    await study.optimize({ budget: request.budget });
    const totalMs = performance.now() - started;
    const rows: TraceRow[] = [];
    for (const trial of study.trials()) {
      if (trial.state !== 'complete' || trial.values === null) continue;
      const values = problem.objectives.map((objective) => trial.values?.[objective.name] as number);
      rows.push({
        k: rows.length + 1,
        key: trial.key,
        nativeId: reference === undefined ? trial.key : reference.nativeId(trial.key),
        values,
      });
    }
    return {
      problem: problem.id,
      tactic: request.tactic,
      seed: request.seed,
      budget: request.budget,
      objectives: problem.objectives.map((objective) => objective.name),
      rows,
      machineryMsPerIteration: cycles,
      machineryMsTotal: totalMs - oracle.ms,
      oracleMsTotal: oracle.ms,
    };
  } finally {
    await store.close();
  }
}
