// What a trial becomes once its evaluators answered: complete with its objective values, or failed with a reason.

import type { ObjectiveSpec } from '../core/objective.js';
import type { TrialStore } from '../storage/types.js';
import { scoreValues } from './observations.js';
import type { TellResult } from './types.js';

export type TrialSettlement =
  | { readonly state: 'complete'; readonly values: Readonly<Record<string, number>> }
  | { readonly state: 'failed'; readonly reason: string };

/**
 * The one rule for settling a result, shared by in-process evaluation and workers: a failure stays a failure,
 * values that cannot be scored against the objectives fail the trial, otherwise the trial keeps exactly the
 * objectives' values (extra names an evaluator returns are dropped).
 */
export function settleResult(result: TellResult, objectives: readonly ObjectiveSpec[]): TrialSettlement {
  if (!result.ok) return { state: 'failed', reason: result.reason };
  const scored = scoreValues(result.values, objectives);
  if (typeof scored === 'string') return { state: 'failed', reason: scored };
  const values: Record<string, number> = {};
  for (const objective of objectives) values[objective.name] = result.values[objective.name] as number;
  return { state: 'complete', values };
}

/** Writes a settlement to the store (CONFLICT when the trial is already finished). */
export async function storeSettlement(
  store: TrialStore,
  studyId: number,
  number: number,
  settlement: TrialSettlement,
  fromCache: boolean,
): Promise<void> {
  if (settlement.state === 'complete') await store.completeTrial(studyId, number, settlement.values, { fromCache });
  else await store.failTrial(studyId, number, settlement.reason);
}
