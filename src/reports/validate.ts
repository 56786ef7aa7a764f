// Up-front checks of report data, so a bad field is named before any file is written.

import { badInput } from '../core/errors.js';
import type { StudyReportData } from './types.js';

export function checkReportData(data: StudyReportData): void {
  if (typeof data.studyName !== 'string' || data.studyName.trim() === '') {
    throw badInput('studyName', 'is empty', 'give the study its name');
  }
  if (data.objectives.length < 2) {
    throw badInput('objectives', `has ${data.objectives.length} objective(s); a Pareto report needs at least 2`, 'list every objective of the study in order');
  }
  const names = new Set<string>();
  data.objectives.forEach((objective, index) => {
    if (objective.name.trim() === '') throw badInput(`objectives[${index}].name`, 'is empty', 'name every objective');
    if (names.has(objective.name)) throw badInput(`objectives[${index}].name`, `"${objective.name}" appears twice`, 'give each objective a distinct name');
    names.add(objective.name);
    if (objective.direction !== 'minimize' && objective.direction !== 'maximize') {
      throw badInput(`objectives[${index}].direction`, `is "${String(objective.direction)}"`, "use 'minimize' or 'maximize'");
    }
  });
  if (data.trueHypervolume !== undefined && !(Number.isFinite(data.trueHypervolume) && data.trueHypervolume >= 0)) {
    throw badInput('trueHypervolume', `is ${String(data.trueHypervolume)}`, 'give a finite, non-negative hypervolume or leave it out');
  }
  data.trials.forEach((trial, index) => {
    if (!Number.isInteger(trial.number)) throw badInput(`trials[${index}].number`, `is ${String(trial.number)}`, 'use the trial number from the store');
    if (trial.state === 'complete' && trial.values === null) {
      throw badInput(`trials[${index}].values`, `trial ${trial.number} is complete but has no values`, 'pass the objective values of complete trials');
    }
  });
}
