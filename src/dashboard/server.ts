// The dashboard's HTTP server (node:http only): HTML pages and their JSON twins, read from a TrialStore that
// searches and workers may be writing meanwhile. It never writes to the store.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readStudyLive, readStudyOverviews, type DashboardReadOptions, type StudyLive } from '../compose/dashboard-data.js';
import { problemReference, type ProblemReference } from '../compose/stored-report.js';
import type { TrialStore } from '../storage/types.js';
import type { StudySettings } from '../study/index.js';
import { ChartCache } from './charts.js';
import { notFoundPage, studiesLive, studiesPage, studyLive, studyPage, type PageOptions } from './pages.js';

export interface DashboardOptions {
  readonly store: TrialStore;
  /** 0 = any free port. */
  readonly port: number;
  readonly host: string;
  /** How often the pages fetch themselves again. */
  readonly refreshSeconds: number;
  /** Called for a request that failed unexpectedly (the page answers 500). */
  readonly onError?: (error: unknown) => void;
}

export interface RunningDashboard {
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests and waits for open ones; the store is the caller's to close. */
  close(): Promise<void>;
}

/** A study's JSON: everything the page shows, with the report's trial list left out (it can be long). */
function studyJson(study: StudyLive): unknown {
  const { report, ...rest } = study;
  return { ...rest, iterations: report.iterations ?? [], hypervolumeCurve: report.hypervolumeCurve ?? [], hypervolumeNote: report.hypervolumeNote ?? null };
}

export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const charts = new ChartCache();
  const references = new Map<string, ProblemReference>();
  const readOptions = (): DashboardReadOptions => ({
    now: new Date(),
    references,
    // A problem whose table cannot be read still shows, normalised over what the study observed.
    loadReference: (settings: StudySettings) => {
      try {
        return problemReference(settings);
      } catch {
        return {};
      }
    },
  });
  const pageOptions = (): PageOptions => ({ refreshSeconds: options.refreshSeconds, storage: options.store.location, now: new Date() });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'the dashboard is read-only: use GET\n', { allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
    const livePart = url.searchParams.get('part') === 'live';
    const path = url.pathname;
    if (path === '/' || path === '/index.html') {
      const studies = await readStudyOverviews(options.store, readOptions());
      send(response, 200, HTML, livePart ? studiesLive(studies, pageOptions()) : studiesPage(studies, pageOptions()));
      return;
    }
    if (path === '/api/studies') {
      const studies = await readStudyOverviews(options.store, readOptions());
      sendJson(response, 200, { storage: options.store.location, studies });
      return;
    }
    const studyName = matchName(path, '/study/') ?? matchName(path, '/api/study/');
    const asJson = path.startsWith('/api/');
    if (studyName === undefined) {
      const message = `no page at ${path}: try / (all studies), /study/NAME, /api/studies or /api/study/NAME`;
      if (asJson) sendJson(response, 404, { error: message });
      else send(response, 404, HTML, notFoundPage(message, pageOptions()));
      return;
    }
    const record = studyName === null ? null : await options.store.getStudy(studyName);
    if (record === null) {
      const message = `no study named "${studyName ?? path}" in ${options.store.location}; the list of studies is at /`;
      if (asJson) sendJson(response, 404, { error: message });
      else send(response, 404, HTML, notFoundPage(message, pageOptions()));
      return;
    }
    const study = await readStudyLive(options.store, record, readOptions());
    if (asJson) {
      sendJson(response, 200, studyJson(study));
      return;
    }
    const drawn = await charts.get(study.report);
    send(response, 200, HTML, livePart ? studyLive(study, drawn, pageOptions()) : studyPage(study, drawn, pageOptions()));
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `the dashboard could not read the store: ${String(error)}\n`);
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A browser may hold a keep-alive connection open; it gets a moment to finish its request, then is cut.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}

const HTML = 'text/html; charset=utf-8';

/** The decoded name after `prefix`; null for a malformed escape; undefined when the path is not under prefix. */
function matchName(path: string, prefix: string): string | null | undefined {
  if (!path.startsWith(prefix) || path.length === prefix.length) return undefined;
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    return null;
  }
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(value, null, 2)}\n`);
}
