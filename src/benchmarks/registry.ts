// Problems by id (`nb201/cifar10/pixel3`): parsing, clear errors, and one cached instance per data folder and id.

import { resolve } from 'node:path';
import { badInput } from '../core/errors.js';
import { getSupernet } from '../supernets/index.js';
import { createAccelProblem } from './accel/accel-problem.js';
import { loadAccelTableFromDataDir } from './accel/accel-table.js';
import { resolveDataDir } from './data-dir.js';
import { createMacroProblem } from './macro/macro-problem.js';
import { loadMacroTableFromDataDir } from './macro/macro-table.js';
import { createNb201Problem } from './nb201/nb201-problem.js';
import { loadNb201TableFromDataDir } from './nb201/nb201-table.js';
import { OFA_LOGS_SUPERNET_ID, createOfaLogsProblem } from './ofa-logs/ofa-logs-problem.js';
import { loadOfaLogsFromDataDir } from './ofa-logs/ofa-logs-table.js';
import type { Problem } from './problem.js';

export interface ResolveProblemOptions {
  /** Data folder; default CARVE_DATA or ../shared/datasets beside the project root. */
  readonly dataDir?: string;
}

export interface ProblemPattern {
  readonly pattern: string;
  readonly description: string;
}

const FAMILIES = ['nb201', 'accel', 'ofa-mbv3-logs', 'macro'] as const;

const PATTERNS: readonly ProblemPattern[] = Object.freeze([
  {
    pattern: 'nb201/<dataset>/<device>',
    description:
      'Whole NAS-Bench-201 space (15,625 cells), true front known: test error on <dataset> ' +
      '(cifar10, cifar100, imagenet16_120) against measured latency on <device> (any lat_ms_<device> column of ' +
      'nb201_hw/nb201_acc_latency.csv, e.g. pixel3, eyeriss, titanxp_1, gold_6226, raspi4).',
  },
  {
    pattern: 'accel/<accuracy>/<metric>',
    description:
      'Accel-NASBench pool (the up to 5,125 distinct architectures measured on both columns, of a 7-block MBConv space; search proposes only measured rows): ' +
      'maximise <accuracy> (val_top1 or val_top5, %) against <metric> (macs_M, params_M, latency_<device>_mean minimised, ' +
      'throughput_<device>_mean maximised; devices zcu102, vck190 for latency, a100, 3090, tpuv2, tpuv3, zcu102, vck190 for throughput).',
  },
  {
    pattern: 'ofa-mbv3-logs',
    description:
      'Pool of the distinct OFA MobileNetV3 w1.0 sub-networks DyNAS-T measured (dynast_ofa_mbv3 logs): maximise ImageNet top-1 (%), minimise MACs.',
  },
  {
    pattern: 'ofa-mbv3-logs/params',
    description: 'The same OFA MobileNetV3 pool with three objectives: maximise top-1 (%), minimise MACs and parameters.',
  },
  {
    pattern: 'macro/cifar10/<cost>',
    description:
      'Whole NAS-Bench-Macro space (6,561 arch strings = 3,969 distinct networks), true front known: maximise mean CIFAR-10 ' +
      'accuracy (%) against <cost> (params or flops).',
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
  } else if (family === 'accel') {
    if (parts.length !== 3) {
      throw badInput('--problem', `"${id}" is not an Accel-NASBench problem id`, 'write it as accel/<accuracy>/<metric>, e.g. accel/val_top1/latency_zcu102_mean');
    }
    problem = createAccelProblem(loadAccelTableFromDataDir(dataDir), parts[1] as string, parts[2] as string);
  } else if (family === 'ofa-mbv3-logs') {
    if (parts.length > 2) {
      throw badInput('--problem', `"${id}" is not an OFA log problem id`, 'write ofa-mbv3-logs or ofa-mbv3-logs/params');
    }
    const supernet = getSupernet(OFA_LOGS_SUPERNET_ID);
    problem = createOfaLogsProblem(loadOfaLogsFromDataDir(dataDir, supernet), supernet, parts[1] ?? '');
  } else if (family === 'macro') {
    if (parts.length !== 3 || parts[1] !== 'cifar10') {
      throw badInput('--problem', `"${id}" is not a NAS-Bench-Macro problem id`, 'write it as macro/cifar10/<cost>, with cost params or flops');
    }
    problem = createMacroProblem(loadMacroTableFromDataDir(dataDir), parts[2] as string);
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
