// Objectives a tactic may compute itself: declared with cost 0 and served by an evaluator with a synchronous path.

import { toMinimization, type ObjectiveSpec } from '../core/objective.js';
import type { Evaluator } from '../evaluators/types.js';
import type { Genome, SearchSpace } from '../space/types.js';
import type { ExactObjectives } from '../tactics/types.js';

/**
 * The exact objectives of a study, or undefined when none: every objective with `cost === 0` that some
 * evaluator provides through `evaluateSync`. Objectives with a cost above 0 are never exposed, even when the
 * same evaluator could compute them synchronously (a table also holds the accuracy the tactic must pay for).
 */
export function exactObjectivesOf(
  objectives: readonly ObjectiveSpec[],
  evaluators: readonly Evaluator[],
  space: SearchSpace,
): ExactObjectives | undefined {
  const served: { index: number; name: string; evaluator: Evaluator }[] = [];
  objectives.forEach((objective, index) => {
    if (objective.cost !== 0) return;
    const evaluator = evaluators.find((candidate) => candidate.evaluateSync !== undefined && candidate.provides.includes(objective.name));
    if (evaluator !== undefined) served.push({ index, name: objective.name, evaluator });
  });
  if (served.length === 0) return undefined;
  const groups = new Map<Evaluator, { position: number; name: string }[]>();
  served.forEach((entry, position) => {
    const group = groups.get(entry.evaluator) ?? [];
    group.push({ position, name: entry.name });
    groups.set(entry.evaluator, group);
  });
  const directions = served.map((entry) => (objectives[entry.index] as ObjectiveSpec).direction);
  let queries = 0;
  return {
    indices: served.map((entry) => entry.index),
    get queries() {
      return queries;
    },
    evaluate(genomes: readonly Genome[], keys?: readonly string[]) {
      queries += genomes.length;
      const candidates = genomes.map((genome, index) => ({ genome, key: keys?.[index] ?? space.key(genome) }));
      const rows: (number[] | null)[] = genomes.map(() => new Array<number>(served.length).fill(Number.NaN));
      for (const [evaluator, names] of groups) {
        const results = (evaluator.evaluateSync as NonNullable<Evaluator['evaluateSync']>)(candidates);
        results.forEach((result, row) => {
          const values = rows[row];
          if (values === null || values === undefined) return;
          if (!result.ok) {
            rows[row] = null;
            return;
          }
          for (const { position, name } of names) {
            const value = result.values[name];
            if (typeof value !== 'number' || !Number.isFinite(value)) {
              rows[row] = null;
              return;
            }
            values[position] = toMinimization(value, directions[position] as ObjectiveSpec['direction']);
          }
        });
      }
      return rows;
    },
  };
}
