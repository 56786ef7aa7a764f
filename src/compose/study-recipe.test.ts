import { describe, expect, it } from 'vitest';
import { isCarveError } from '../core/errors.js';
import { buildProblemStudy } from './problem-study.js';
import { buildStudyFromRecipe, readRecipe, recipeFromSettings, type StudyRecipe } from './study-recipe.js';

const problemRecipe: StudyRecipe = {
  problem: 'nb201/cifar10/pixel3',
  constraints: ['latency_ms<=1.5'],
  tactic: 'random',
  seed: 4,
  populationSize: 10,
  budget: 30,
};

describe('study recipes', () => {
  it('build a problem study exactly as buildProblemStudy does', async () => {
    const built = await buildStudyFromRecipe(problemRecipe);
    const direct = buildProblemStudy({ problem: 'nb201/cifar10/pixel3', constraints: ['latency_ms<=1.5'], tactic: 'random', seed: 4, populationSize: 10, budget: 30 });
    expect(built.settings).toEqual(direct.settings);
    expect(built.environment.evaluators.map((evaluator) => evaluator.id)).toEqual(direct.environment.evaluators.map((evaluator) => evaluator.id));
    await built.close();
  });

  it('are implied by stored settings, bounds included, and rebuild the same settings and evaluators', async () => {
    const original = await buildStudyFromRecipe(problemRecipe);
    const recipe = recipeFromSettings(original.settings);
    expect(recipe.constraints).toEqual(['latency_ms<=1.5']);
    const rebuilt = await buildStudyFromRecipe(readRecipe(JSON.parse(JSON.stringify(recipe))));
    expect(rebuilt.settings).toEqual(original.settings);

    const supernet = await buildStudyFromRecipe({ supernet: 'ofa-mbv3-w1.0', objectives: ['macs', 'params'], tactic: 'random', seed: 0, populationSize: 8, budget: 8 });
    const again = await buildStudyFromRecipe(recipeFromSettings(supernet.settings));
    expect(again.settings).toEqual(supernet.settings);
    expect(again.environment.evaluators.map((evaluator) => evaluator.id)).toEqual(supernet.environment.evaluators.map((evaluator) => evaluator.id));
    await supernet.close();
    await again.close();
  });

  it('refuse a recipe with neither or both of problem and super-network', async () => {
    await expect(buildStudyFromRecipe({ tactic: 'random', seed: 0, populationSize: 1, budget: 1 })).rejects.toMatchObject({ field: '--problem' });
    await expect(buildStudyFromRecipe({ ...problemRecipe, supernet: 'ofa-mbv3-w1.0' })).rejects.toMatchObject({ field: '--supernet' });
  });

  it('read back from the store only when well formed, naming the field', () => {
    expect(readRecipe({ ...problemRecipe })).toEqual(problemRecipe);
    for (const bad of [null, [], { ...problemRecipe, seed: 1.5 }, { ...problemRecipe, tactic: 3 }, { ...problemRecipe, objectives: 'error' }, { ...problemRecipe, macsConvention: 'flops' }]) {
      let caught: unknown;
      try {
        readRecipe(bad, 'coordinator-started.recipe');
      } catch (error) {
        caught = error;
      }
      expect(isCarveError(caught) && caught.field).toBe('coordinator-started.recipe');
    }
  });
});
