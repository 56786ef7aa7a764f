// Problems by id (`nb201/cifar10/pixel3`): parsing, clear errors, and one cached instance per data folder and id.

import { resolve } from 'node:path';
import { badInput } from '../core/errors.js';
import { resolveDataDir } from './data-dir.js';
import { createNb201Problem } from './nb201/nb201-problem.js';
import { loadNb201TableFromDataDir } from './nb201/nb201-table.js';
import type { Problem } from './problem.js';

export interface ResolveProblemOptions {
  /** Data folder; default CARVE_DATA or ../shared/datasets beside the project root. */
  readonly dataDir?: string;
}

export interface ProblemPattern {
  readonly pattern: string;
  readonly description: string;
}

const FAMILIES = ['nb201'] as const;

const PATTERNS: readonly ProblemPattern[] = Object.freeze([
  {
    pattern: 'nb201/<dataset>/<device>',
    description:
      'Whole NAS-Bench-201 space (15,625 cells), true front known: test error on <dataset> ' +
      '(cifar10, cifar100, imagenet16_120) against measured latency on <device> (any lat_ms_<device> column of ' +
      'nb201_hw/nb201_acc_latency.csv, e.g. pixel3, eyeriss, titanxp_1, gold_6226, raspi4).',
  },
]);

const problems = new Map<string, Problem>();

/** The problem patterns the registry knows. */
export function listProblems(): ProblemPattern[] {
  return PATTERNS.map((pattern) => ({ ...pattern }));
}

/** A problem by id; the same instance is returned for the same data folder and id. */
export function resolveProblem(id: string, options: ResolveProblemOptions = {}): Problem {
  if (typeof id !== 'string' || id.trim() === '') {
    throw badInput('--problem', 'no problem given', `give one of: ${PATTERNS.map((pattern) => pattern.pattern).join(', ')}`);
  }
  const dataDir = resolve(options.dataDir ?? resolveDataDir());
  const cacheKey = `${dataDir}\u0000${id}`;
  const cached = problems.get(cacheKey);
  if (cached !== undefined) return cached;

  const parts = id.split('/');
  const family = parts[0] as string;
  let problem: Problem;
  if (family === 'nb201') {
    if (parts.length !== 3) {
      throw badInput('--problem', `"${id}" is not an NB201 problem id`, 'write it as nb201/<dataset>/<device>, e.g. nb201/cifar10/pixel3');
    }
    problem = createNb201Problem(loadNb201TableFromDataDir(dataDir), parts[1] as string, parts[2] as string);
  } else {
    throw badInput(
      '--problem',
      `unknown problem family "${family}"`,
      `choose one of ${FAMILIES.join(', ')} (patterns: ${PATTERNS.map((pattern) => pattern.pattern).join(', ')})`,
    );
  }
  problems.set(cacheKey, problem);
  return problem;
}
