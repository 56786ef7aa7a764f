// Runs a study's evaluators over a batch of trials: reuse stored measurements, store new ones first, retry, tell.

import type { Candidate, EvaluationResult, Evaluator } from '../evaluators/types.js';
import type { MeasurementRecord, TrialStore } from '../storage/types.js';
import type { TellResult, TrialHandle } from './types.js';

export interface EvaluationPolicy {
  /** Attempts per candidate and evaluator for failures marked retryable (default 3). */
  readonly maxAttempts: number;
}

export interface EvaluateTrialsInput {
  readonly store: TrialStore;
  readonly evaluators: readonly Evaluator[];
  readonly trials: readonly TrialHandle[];
  readonly policy: Partial<EvaluationPolicy>;
  readonly tell: (trial: TrialHandle, result: TellResult, fromCache: boolean) => Promise<void>;
  readonly log: (kind: string, payload: unknown) => Promise<void>;
}

interface Outcome {
  values: Record<string, number>;
  failure: string | null;
  /** True while every value so far came from stored measurements. */
  fromCache: boolean;
}

/** Evaluates every trial with every evaluator and tells the study each trial's combined result. */
export async function evaluateTrials(input: EvaluateTrialsInput): Promise<void> {
  const maxAttempts = input.policy.maxAttempts ?? 3;
  const outcomes = new Map<number, Outcome>();
  for (const trial of input.trials) outcomes.set(trial.number, { values: {}, failure: null, fromCache: true });

  for (const evaluator of input.evaluators) {
    const alive = input.trials.filter((trial) => outcomes.get(trial.number)?.failure === null);
    if (alive.length === 0) break;
    const cached = await input.store.getMeasurements(
      evaluator.id,
      alive.map((trial) => trial.key),
    );
    const missing: TrialHandle[] = [];
    for (const trial of alive) {
      const measurement = cached.get(trial.key);
      if (measurement !== undefined) mergeValues(outcomes.get(trial.number) as Outcome, measurement);
      else missing.push(trial);
    }
    const results = await evaluateWithRetries(evaluator, missing, maxAttempts, input.log);
    const measured: { trial: TrialHandle; values: Readonly<Record<string, number>> }[] = [];
    for (const trial of missing) {
      const outcome = outcomes.get(trial.number) as Outcome;
      const result = results.get(trial.number);
      outcome.fromCache = false;
      if (result === undefined || !result.ok) {
        outcome.failure = `${evaluator.id}: ${result === undefined ? 'no result' : result.reason}`;
        continue;
      }
      const problem = checkProvided(evaluator, result.values);
      if (problem !== null) {
        outcome.failure = `${evaluator.id}: ${problem}`;
        continue;
      }
      // Stored before the trial is told: a measurement is never lost, even if the process dies next.
      await input.store.putMeasurement({
        evaluator: evaluator.id,
        key: trial.key,
        values: result.values,
        ...(result.meta === undefined ? {} : { meta: result.meta }),
      });
      measured.push({ trial, values: result.values });
    }
    if (measured.length > 0) {
      // The first measurement of a key wins: when another worker stored one meanwhile, the trial takes that one,
      // so a trial's values always equal the stored measurement whoever measured first.
      const stored = await input.store.getMeasurements(
        evaluator.id,
        measured.map(({ trial }) => trial.key),
      );
      for (const { trial, values } of measured) {
        Object.assign((outcomes.get(trial.number) as Outcome).values, stored.get(trial.key)?.values ?? values);
      }
    }
  }

  for (const trial of input.trials) {
    const outcome = outcomes.get(trial.number) as Outcome;
    const result: TellResult =
      outcome.failure === null ? { ok: true, values: outcome.values } : { ok: false, reason: outcome.failure };
    await input.tell(trial, result, outcome.failure === null && outcome.fromCache);
  }
}

function mergeValues(outcome: Outcome, measurement: MeasurementRecord): void {
  Object.assign(outcome.values, measurement.values);
}

/** Every provided objective present and finite; nothing else is checked here (extra names are ignored). */
function checkProvided(evaluator: Evaluator, values: Readonly<Record<string, number>>): string | null {
  for (const name of evaluator.provides) {
    const value = values[name];
    if (value === undefined) return `result lacks objective "${name}"`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `objective "${name}" is not a finite number (${String(value)})`;
  }
  return null;
}

async function evaluateWithRetries(
  evaluator: Evaluator,
  trials: readonly TrialHandle[],
  maxAttempts: number,
  log: (kind: string, payload: unknown) => Promise<void>,
): Promise<Map<number, EvaluationResult>> {
  const results = new Map<number, EvaluationResult>();
  let pending = [...trials];
  for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt += 1) {
    const retry: TrialHandle[] = [];
    const chunk = evaluator.maxBatch ?? pending.length;
    for (let start = 0; start < pending.length; start += chunk) {
      const part = pending.slice(start, start + chunk);
      const answers = await callEvaluator(evaluator, part);
      part.forEach((trial, i) => {
        const answer = answers[i] as EvaluationResult;
        results.set(trial.number, answer);
        if (!answer.ok && answer.retryable && attempt < maxAttempts) retry.push(trial);
      });
    }
    if (retry.length > 0) {
      await log('evaluation-retry', { evaluator: evaluator.id, attempt, trials: retry.map((trial) => trial.number) });
    }
    pending = retry;
  }
  return results;
}

/** An evaluator that throws or answers with the wrong length fails the whole call, retryably. */
async function callEvaluator(evaluator: Evaluator, trials: readonly TrialHandle[]): Promise<EvaluationResult[]> {
  const candidates: Candidate[] = trials.map((trial) => ({ key: trial.key, genome: trial.genome, config: trial.config }));
  try {
    const answers = await evaluator.evaluate(candidates);
    if (!Array.isArray(answers) || answers.length !== candidates.length) {
      const reason = `evaluator answered ${Array.isArray(answers) ? answers.length : 'no'} results for ${candidates.length} candidates`;
      return candidates.map(() => ({ ok: false, reason, retryable: true }));
    }
    return answers;
  } catch (error) {
    const reason = `evaluator failed: ${error instanceof Error ? error.message : String(error)}`;
    return candidates.map(() => ({ ok: false, reason, retryable: true }));
  }
}
