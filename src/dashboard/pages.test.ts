// The dashboard pages: escaping of stored text, the live part alone, relative times.

import { describe, expect, it } from 'vitest';
import type { StudyOverview } from '../compose/dashboard-data.js';
import { evaluationsText, notFoundPage, studiesLive, studiesPage, timeText } from './pages.js';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const options = { refreshSeconds: 5, storage: '/tmp/<x>.db', now: NOW };

const overview: StudyOverview = {
  name: '<img src=x onerror=alert(1)>',
  problem: 'nb201/"cifar10"/pixel3',
  tactic: 'carve',
  seed: 0,
  budget: 10,
  createdAt: '2026-01-01T11:00:00.000Z',
  trials: { queued: 2, running: 1, complete: 6, failed: 1, total: 10 },
  evaluations: 7,
  hypervolume: 0.5,
  lastActivityAt: '2026-01-01T11:59:50.000Z',
  coordinator: { state: 'running', name: 'host<1>', startedAt: null, finishedAt: null, leaseMs: 60_000, active: true },
  workers: 2,
  activeWorkers: 1,
};

describe('dashboard pages', () => {
  it('escapes every stored string on the list of studies', () => {
    const html = studiesPage([overview], options);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('nb201/&quot;cifar10&quot;/pixel3');
    expect(html).toContain('host&lt;1&gt;');
    expect(html).toContain('/tmp/&lt;x&gt;.db');
    expect(html).toContain('2 queued, 1 running, 6 complete, 1 failed');
    expect(html).toContain('<main id="live">');
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
  });

  it('says when a study went past the budget it was created with (resumed with more)', () => {
    expect(evaluationsText({ evaluations: 20, budget: 35 })).toBe('20 / 35');
    expect(evaluationsText({ evaluations: 35, budget: 35 })).toBe('35 / 35');
    expect(evaluationsText({ evaluations: 70, budget: 35 })).toBe('70 (created with a budget of 35, resumed with more)');
  });

  it('gives the live part alone, and says so when the store is empty', () => {
    expect(studiesLive([overview], options)).not.toContain('<html');
    expect(studiesLive([], options)).toContain('No study in this store yet');
  });

  it('writes times with how long ago they were', () => {
    expect(timeText('2026-01-01T11:59:50.000Z', NOW)).toBe('2026-01-01 11:59:50 (10 s ago)');
    expect(timeText('2026-01-01T10:00:00.000Z', NOW)).toBe('2026-01-01 10:00:00 (2 h ago)');
    expect(timeText(null, NOW)).toBe('');
  });

  it('escapes the message of a not-found page', () => {
    expect(notFoundPage('no study named "<b>"', options)).toContain('no study named &quot;&lt;b&gt;&quot;');
  });
});
