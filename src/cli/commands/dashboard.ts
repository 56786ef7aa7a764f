// `carve dashboard`: serves a live, read-only view of the studies in a store over HTTP until Ctrl-C.

import type { Command } from 'commander';
import { badInput } from '../../core/errors.js';
import { startDashboard, type RunningDashboard } from '../../dashboard/server.js';
import { openTrialStore } from '../../storage/index.js';
import type { CliOutput } from '../output.js';
import { parseInteger, parseSeconds } from '../parse.js';
import { DEFAULT_STORAGE } from './search.js';

export const DEFAULT_DASHBOARD_PORT = 8080;
export const DEFAULT_DASHBOARD_HOST = '127.0.0.1';
export const DEFAULT_REFRESH_SECONDS = 5;

export interface DashboardFlags {
  storage?: string;
  port?: string;
  host?: string;
  refresh?: string;
}

export interface DashboardRunHooks {
  /** Stops the server (besides SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Called once the server listens. */
  readonly onListening?: (dashboard: RunningDashboard) => void;
}

export function registerDashboard(program: Command, output: CliOutput): void {
  program
    .command('dashboard')
    .description('serve a live, read-only view of the studies in a store (pages and JSON) until Ctrl-C')
    .option('--storage <url>', `sqlite:PATH or postgres://… (default ${DEFAULT_STORAGE})`)
    .option('--port <n>', `TCP port to listen on, 0 for any free one (default ${DEFAULT_DASHBOARD_PORT})`)
    .option('--host <address>', `address to listen on (default ${DEFAULT_DASHBOARD_HOST}; 0.0.0.0 for every interface)`)
    .option('--refresh <seconds>', `how often the pages update themselves (default ${DEFAULT_REFRESH_SECONDS})`)
    .action(async (flags: DashboardFlags) => {
      await runDashboard(flags, output);
    });
}

export interface DashboardSettings {
  readonly storage: string;
  readonly port: number;
  readonly host: string;
  readonly refreshSeconds: number;
}

/** Checks the flags before anything is opened. */
export function dashboardSettings(flags: DashboardFlags): DashboardSettings {
  const port = flags.port === undefined ? DEFAULT_DASHBOARD_PORT : parseInteger(flags.port, '--port', { min: 0, max: 65_535 });
  const host = (flags.host ?? DEFAULT_DASHBOARD_HOST).trim();
  if (host === '') throw badInput('--host', 'is empty', `give an address to listen on, e.g. --host ${DEFAULT_DASHBOARD_HOST}`);
  const refreshSeconds = flags.refresh === undefined ? DEFAULT_REFRESH_SECONDS : parseSeconds(flags.refresh, '--refresh', { min: 0.5 });
  return { storage: flags.storage ?? DEFAULT_STORAGE, port, host, refreshSeconds };
}

export async function runDashboard(flags: DashboardFlags, output: CliOutput, hooks: DashboardRunHooks = {}): Promise<void> {
  const settings = dashboardSettings(flags);
  const store = await openTrialStore(settings.storage, { readOnly: true });
  try {
    let dashboard: RunningDashboard;
    try {
      dashboard = await startDashboard({
        store,
        port: settings.port,
        host: settings.host,
        refreshSeconds: settings.refreshSeconds,
        onError: (error) => output.err(`dashboard: a request failed: ${String(error)}`),
      });
    } catch (error) {
      throw listenFailure(error, settings);
    }
    output.out(`carve dashboard for ${store.location} at ${dashboard.url}/ (Ctrl-C stops it)`);
    hooks.onListening?.(dashboard);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        hooks.signal?.removeEventListener('abort', stop);
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (hooks.signal?.aborted === true) stop();
      else hooks.signal?.addEventListener('abort', stop);
    });
    await dashboard.close();
    output.err('dashboard stopped');
  } finally {
    await store.close();
  }
}

function listenFailure(error: unknown, settings: DashboardSettings): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') return badInput('--port', `port ${settings.port} is already in use on ${settings.host}`, 'pick another with --port N (or --port 0 for any free one)');
  if (code === 'EACCES') return badInput('--port', `not allowed to listen on port ${settings.port}`, 'use a port above 1023, e.g. --port 8080');
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return badInput('--host', `cannot listen on "${settings.host}": not an address of this machine`, 'use 127.0.0.1, 0.0.0.0 or an address of this machine');
  }
  return error instanceof Error ? error : new Error(String(error));
}
