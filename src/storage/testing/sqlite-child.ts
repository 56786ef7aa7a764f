// A child process for the SQLite multi-process tests: one task per run, chosen by its first argument.

import { SqliteTrialStore } from '../sqlite/sqlite-trial-store.js';

const [task, file, ...rest] = process.argv.slice(2);
if (task === undefined || file === undefined) throw new Error('usage: sqlite-child TASK FILE [ARGS]');

const store = new SqliteTrialStore(file, { busyTimeoutMs: 30_000 });
await store.init();

if (task === 'init') {
  process.stdout.write(`${JSON.stringify({ version: await store.schemaVersion() })}\n`);
} else if (task === 'complete-then-die') {
  // Completes one trial, then dies at once without closing: nothing after the commit gets a chance to run.
  const study = await store.createStudy('durable', { seed: 7 });
  await store.addTrials(study.id, [{ key: 'only', genome: [1, 2, 3], config: {}, batch: 0 }]);
  await store.completeTrial(study.id, 0, { top1: 0.1 + 0.2 }, {
    measurements: [{ evaluator: 'durable-eval', key: 'only', values: { top1: 0.1 + 0.2 } }],
  });
  process.kill(process.pid, 'SIGKILL');
} else if (task === 'claim-all') {
  // Claims one trial at a time until none is left, completing each: the claims interleave with other children.
  const [studyName, worker] = rest;
  const study = await store.getStudy(studyName ?? '');
  if (study === null || worker === undefined) throw new Error('claim-all needs STUDY WORKER');
  // Waits for the parent's go-ahead so that all children start claiming together, not as each finishes booting.
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  const claimed: number[] = [];
  for (;;) {
    const batch = await store.claimTrials(study.id, 1, worker);
    if (batch.length === 0) break;
    for (const trial of batch) {
      claimed.push(trial.number);
      // Stands in for an evaluation: the lock is free meanwhile, as it is between real trials.
      await new Promise((resolve) => setTimeout(resolve, 3));
      await store.completeTrial(study.id, trial.number, { claimedBy: claimed.length });
    }
  }
  process.stdout.write(`${JSON.stringify({ claimed })}\n`);
} else {
  throw new Error(`unknown task ${task}`);
}
await store.close();
