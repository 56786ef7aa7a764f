// Worker thread of the bench: runs the requests it is sent, one at a time, and posts back their traces.

import { parentPort } from 'node:worker_threads';
import { runBenchmark, type RunRequest } from './run-one.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (message: { id: number; request: RunRequest }) => {
    runBenchmark(message.request).then(
      (trace) => port.postMessage({ id: message.id, trace }),
      (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
