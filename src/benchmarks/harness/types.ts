// Types of the bench harness: one run's ordered evaluations, its scores, and the summaries over seeds.

export interface TraceRow {
  /** 1-based position of the oracle call. */
  readonly k: number;
  readonly key: string;
  /** Dataset-native id (e.g. the NB201 arch_str). */
  readonly nativeId: string;
  /** Raw objective values in the problem's objective order. */
  readonly values: readonly number[];
}

export interface RunTrace {
  readonly problem: string;
  readonly tactic: string;
  readonly seed: number;
  readonly budget: number;
  /** The level the run stopped at (a share of HV_true), when it was asked to stop once it reached one. */
  readonly stopAt?: number;
  readonly objectives: readonly string[];
  readonly rows: readonly TraceRow[];
  /** Wall-clock of everything but oracle calls, per proposal/observation cycle of the tactic (ms). */
  readonly machineryMsPerIteration: readonly number[];
  readonly machineryMsTotal: number;
  readonly oracleMsTotal: number;
  /** Candidates whose cheap objectives the tactic computed on their own (cost-aware track; 0 otherwise). */
  readonly cheapQueries: number;
}

export const LEVELS = [0.95, 0.99, 0.995] as const;
export const CHECKPOINTS = [50, 100, 200, 300, 500] as const;

export interface RunScore {
  /** HV_k / HV_true after each evaluation k = 1..n. */
  readonly hvRatio: readonly number[];
  /** Smallest k reaching each level, null when not reached within the trace. */
  readonly reached: Readonly<Record<string, number | null>>;
  /** HV_k / HV_true at the checkpoints (null when the trace is shorter). */
  readonly at: Readonly<Record<string, number | null>>;
  readonly uniqueEvaluations: number;
}

export interface Spread {
  readonly median: number | null; // null = median not reached (n.r.)
  readonly min: number | null;
  readonly max: number | null;
  readonly reachedCount: number;
  readonly runs: number;
}

export interface TacticSummary {
  readonly tactic: string;
  readonly levels: Readonly<Record<string, Spread>>;
  /** E99 median divided by the true front size (rows). */
  readonly e99PerFrontSize: number | null;
  readonly hvRatioAt: Readonly<Record<string, { median: number | null; min: number | null; max: number | null }>>;
  readonly uniqueEvaluations: { median: number; min: number; max: number };
  readonly machineryMsPerIteration: { median: number; max: number };
  readonly machineryMsPerRun: { median: number; max: number };
  /** Median cheap-objective queries per run (0 outside the cost-aware track). */
  readonly cheapQueries: number;
  /** Median over evaluations k of the per-seed ratio curves, with min and max bands. */
  readonly curve: { readonly median: readonly number[]; readonly min: readonly number[]; readonly max: readonly number[] };
}

export interface ProblemSummary {
  readonly problem: string;
  readonly frontSize: number;
  readonly frontPointCount: number;
  readonly hvTrue: number;
  readonly tactics: readonly TacticSummary[];
}

export interface BenchSummary {
  readonly command: string;
  readonly date: string;
  readonly machine: string;
  readonly budget: number;
  readonly seeds: number;
  /** First seed when not 0. */
  readonly firstSeed?: number;
  /**
   * Runs stopped after the batch that reached this share of HV_true: higher levels and HV@k past a run's stop are
   * not measured (null), and a stopped run's curve is held at its last value until the longest run ends.
   */
  readonly stopAt?: number;
  readonly problems: readonly ProblemSummary[];
}
