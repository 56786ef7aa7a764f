// Live search progress: a bar on a terminal, plain periodic lines otherwise.

import cliProgress from 'cli-progress';
import type { StudyProgress } from '../study/types.js';
import type { CliOutput } from './output.js';

export interface ProgressDisplay {
  update(progress: StudyProgress): void;
  stop(progress: StudyProgress): void;
}

export function formatProgressLine(progress: StudyProgress): string {
  const eta = etaSeconds(progress);
  return (
    `evaluations ${progress.evaluations}/${progress.budget}` +
    ` | complete ${progress.complete} failed ${progress.failed}` +
    ` | front ${progress.frontSize} | HV ${progress.hypervolume.toFixed(6)}` +
    ` | ${(progress.elapsedMs / 1000).toFixed(1)} s` +
    (eta === null ? '' : ` | ETA ${eta.toFixed(0)} s`)
  );
}

function etaSeconds(progress: StudyProgress): number | null {
  if (progress.evaluations === 0 || progress.evaluations >= progress.budget) return null;
  const perEvaluation = progress.elapsedMs / 1000 / progress.evaluations;
  return perEvaluation * (progress.budget - progress.evaluations);
}

export function createProgressDisplay(output: CliOutput, options: { quiet: boolean; intervalMs?: number }): ProgressDisplay {
  if (options.quiet) return { update: () => undefined, stop: () => undefined };
  if (output.isTTY && output.stderr !== null) {
    const bar = new cliProgress.SingleBar(
      {
        stream: output.stderr,
        format: 'search |{bar}| {value}/{total} evals | front {front} | HV {hv} | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        if (!started) {
          bar.start(progress.budget, progress.evaluations, { front: 0, hv: '0' });
          started = true;
        }
        bar.setTotal(progress.budget);
        bar.update(progress.evaluations, { front: progress.frontSize, hv: progress.hypervolume.toFixed(6) });
      },
      stop(progress) {
        if (started) {
          bar.update(progress.evaluations, { front: progress.frontSize, hv: progress.hypervolume.toFixed(6) });
          bar.stop();
        }
      },
    };
  }
  const intervalMs = options.intervalMs ?? 2000;
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let lastEvaluations = -1;
  return {
    update(progress) {
      const now = Date.now();
      if (now - lastPrinted >= intervalMs) {
        lastPrinted = now;
        lastEvaluations = progress.evaluations;
        output.err(formatProgressLine(progress));
      }
    },
    stop(progress) {
      if (progress.evaluations !== lastEvaluations) output.err(formatProgressLine(progress));
    },
  };
}
