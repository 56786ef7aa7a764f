// One HTTP exchange with a time limit and a size limit, reported as data (never thrown).

import http from 'node:http';
import https from 'node:https';

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly body: string }
  /** Connection refused or reset, DNS failure: worth retrying. */
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'too-large'; readonly limitBytes: number };

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly body?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/**
 * node:http rather than fetch: fetch gives up on a response whose headers take more than five minutes, and a
 * validation pass over a large dataset can take longer than that.
 */
export function httpCall(call: HttpCall): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const transport = call.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(call.body));
    }
    const request = transport.request(call.url, { method: call.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > call.maxResponseBytes) {
          finish({ kind: 'too-large', limitBytes: call.maxResponseBytes });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish({ kind: 'response', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish({ kind: 'network', message: error.message }));
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      request.destroy();
    }, call.timeoutMs);
    request.on('error', (error) => finish({ kind: 'network', message: error.message }));
    if (call.body !== undefined) request.write(call.body);
    request.end();
  });
}
