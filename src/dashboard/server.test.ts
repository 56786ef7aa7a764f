// The dashboard over a real SQLite store holding a real NB201 search, fetched over real HTTP.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProblemStudy } from '../compose/problem-study.js';
import { openTrialStore, type TrialStore } from '../storage/index.js';
import { Study } from '../study/index.js';
import { startDashboard, type RunningDashboard } from './server.js';

const NASTY = 'demo <script>alert("x")</script>';

describe('dashboard server on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'carve-dashboard-'));
  const file = join(dir, 'store.db');
  let writer: TrialStore;
  let reader: TrialStore;
  let dashboard: RunningDashboard;
  let study: Study;

  beforeAll(async () => {
    writer = await openTrialStore(`sqlite:${file}`);
    // Three batches of a model-based search, so the page has a curve, a front and predictor iterations.
    const { settings, environment } = buildProblemStudy({ problem: 'nb201/cifar10/pixel3', tactic: 'default', seed: 1, populationSize: 10, budget: 30 });
    study = await Study.open({ store: writer, name: NASTY, settings, environment });
    await study.optimize();
    // A second study left with queued trials only.
    const other = await Study.open({ store: writer, name: 'queued-only', settings, environment });
    await other.ask(4);
    reader = await openTrialStore(`sqlite:${file}`, { readOnly: true });
    dashboard = await startDashboard({ store: reader, port: 0, host: '127.0.0.1', refreshSeconds: 5 });
  }, 120_000);

  afterAll(async () => {
    await dashboard?.close();
    await reader?.close();
    await writer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string): Promise<{ status: number; type: string; body: string }> => {
    const response = await fetch(`${dashboard.url}${path}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
  };

  it('lists the studies with their trial counts as the store has them, names escaped', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('demo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.body).toContain(`href="/study/${encodeURIComponent(NASTY)}"`);

    const api = JSON.parse((await get('/api/studies')).body) as { studies: { name: string; trials: Record<string, number>; evaluations: number; budget: number; hypervolume: number | null }[] };
    expect(api.studies.map((entry) => entry.name)).toEqual([NASTY, 'queued-only']);
    const stored = await writer.listTrials(study.record.id);
    const [searched, queued] = api.studies;
    expect(searched?.trials).toEqual({ queued: 0, running: 0, complete: stored.filter((t) => t.state === 'complete').length, failed: stored.filter((t) => t.state === 'failed').length, total: stored.length });
    expect(searched?.evaluations).toBe(30);
    expect(searched?.hypervolume).toBeGreaterThan(0);
    const waiting = (await writer.listTrials((await writer.getStudy('queued-only'))?.id ?? -1)).length;
    expect(waiting).toBeGreaterThan(0);
    expect(queued?.trials).toEqual({ queued: waiting, running: 0, complete: 0, failed: 0, total: waiting });
    expect(queued?.hypervolume).toBeNull();
  });

  it('shows one study: counts, charts as inline SVG, the front as study.front(), the predictors, escaped', async () => {
    const page = await get(`/study/${encodeURIComponent(NASTY)}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('<h1>demo &lt;script&gt;');
    expect(page.body.match(/<svg/g)?.length).toBe(2);
    expect(page.body).toContain('id="front-table"');
    expect(page.body).toContain('Predictors per iteration');
    expect(page.body).toContain('30 / 30');

    const api = JSON.parse((await get(`/api/study/${encodeURIComponent(NASTY)}`)).body) as {
      front: { number: number; key: string; values: Record<string, number> }[];
      trials: Record<string, number>;
      iterations: unknown[];
      hypervolumeCurve: unknown[];
      events: unknown[];
    };
    const expected = study.front().map((member) => ({ number: member.trial.number, key: member.trial.key, values: member.trial.values }));
    const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;
    expect(api.front.map(({ number, key, values }) => ({ number, key, values })).sort(byNumber)).toEqual([...expected].sort(byNumber));
    expect(api.trials['complete']).toBe(study.trials().filter((trial) => trial.state === 'complete').length);
    expect(api.iterations.length).toBeGreaterThan(0);
    expect(api.hypervolumeCurve.length).toBe(30);
    expect(api.events.length).toBeGreaterThan(0);
    // Every front row is on the page.
    for (const member of expected) expect(page.body).toContain(`<code>${member.key}</code>`);

    const live = await get(`/study/${encodeURIComponent(NASTY)}?part=live`);
    expect(live.body.startsWith('<p class="updated">')).toBe(true);
    expect(live.body).not.toContain('<html');
  });

  it('shows a study with queued trials only, without charts', async () => {
    const page = await get('/study/queued-only');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/[1-9]\d* queued, 0 running, 0 complete, 0 failed/);
    expect(page.body).toContain('No complete trial yet');
  });

  it('answers 404 with a clear message for an unknown study or page, and 405 for writes', async () => {
    const page = await get(`/study/${encodeURIComponent('<b>nope</b>')}`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('no study named &quot;&lt;b&gt;nope&lt;/b&gt;&quot;');
    const api = await get('/api/study/nope');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body)).toEqual({ error: expect.stringContaining('no study named "nope"') });
    expect((await get('/elsewhere')).status).toBe(404);
    expect((await fetch(`${dashboard.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('never writes to the store: the file is byte-for-byte the same after every page was served', async () => {
    const before = await writer.listEvents(study.record.id);
    await get('/');
    await get(`/study/${encodeURIComponent(NASTY)}`);
    expect(await writer.listEvents(study.record.id)).toEqual(before);
    expect((await writer.listStudies()).length).toBe(2);
  });
});
