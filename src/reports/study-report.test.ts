import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CarveError } from '../core/errors.js';
import { parseCsv } from './csv.js';
import { renderHtmlReport } from './html-report.js';
import { renderReportCharts } from './report-charts.js';
import { writeStudyReport } from './study-report.js';
import { smallTwoObjectiveStudy, syntheticStudy } from './testing/fixtures.js';
import type { StudyReportData } from './types.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngWidth = (png: Buffer): number => png.readUInt32BE(16);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carve-reports-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every URL-like reference a page could load something from. */
function externalReferences(html: string): string[] {
  return [...html.matchAll(/https?:\/\/|<script|<link|@import|\ssrc=|url\((?!#)/gi)].map((match) => match[0]);
}

describe('writeStudyReport, two objectives (hand-made study with a known front)', () => {
  const data = smallTwoObjectiveStudy();
  let outDir: string;
  let files: string[];
  beforeAll(async () => {
    outDir = join(root, 'two');
    ({ files } = await writeStudyReport(data, outDir));
  });

  it('writes every file and says so', () => {
    const expected = ['front.csv', 'front.json', 'trials.csv', 'trials.json', 'pareto.svg', 'pareto.png', 'hypervolume.svg', 'hypervolume.png', 'report.html'];
    expect(files.map((file) => basename(file))).toEqual(expected);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('front.csv holds the front, ordered by the first objective, with configs as JSON', async () => {
    const rows = parseCsv(await readFile(join(outDir, 'front.csv'), 'utf8'));
    expect(rows).toEqual([
      ['number', 'key', 'latency_ms', 'accuracy', 'config'],
      ['0', 'k0', '10', '70', '{"ks":[3],"e":0,"note":"a, \\"quoted\\" value"}'],
      ['2', 'k2', '20', '75.5', '{"ks":[3,5,7],"e":4,"note":"a, \\"quoted\\" value"}'],
      ['5', 'k5', '28', '78.25', '{"ks":[3,5,7],"e":10,"note":"a, \\"quoted\\" value"}'],
    ]);
  });

  it('front.json holds the same front with native configs as objects', async () => {
    const json = JSON.parse(await readFile(join(outDir, 'front.json'), 'utf8')) as { front: { number: number; values: unknown; config: unknown }[] };
    expect(json.front.map((row) => row.number)).toEqual([0, 2, 5]);
    expect(json.front[1]?.values).toEqual({ latency_ms: 20, accuracy: 75.5 });
    expect(json.front[1]?.config).toEqual({ ks: [3, 5, 7], e: 4, note: 'a, "quoted" value' });
  });

  it('trials.csv and trials.json list every trial in evaluation order, with the failure reason intact', async () => {
    const rows = parseCsv(await readFile(join(outDir, 'trials.csv'), 'utf8'));
    expect(rows[0]).toEqual(['number', 'state', 'key', 'latency_ms', 'accuracy', 'feasible', 'on_front', 'reason', 'config']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(rows[4]?.slice(0, 8)).toEqual(['3', 'failed', 'k3', '', '', '', 'false', 'evaluator crashed: "CUDA out of memory",\nbatch=128']);
    expect(rows[5]?.slice(0, 7)).toEqual(['4', 'complete', 'k4', '35', '80', 'false', 'false']);
    const json = JSON.parse(await readFile(join(outDir, 'trials.json'), 'utf8')) as { trials: { state: string; reason: string | null }[] };
    expect(json.trials).toHaveLength(7);
    expect(json.trials[3]).toMatchObject({ state: 'failed', reason: 'evaluator crashed: "CUDA out of memory",\nbatch=128' });
  });

  it('PNGs are PNGs, 1200 px wide', async () => {
    for (const name of ['pareto.png', 'hypervolume.png']) {
      const png = await readFile(join(outDir, name));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(pngWidth(png)).toBe(1200);
    }
  });

  it('SVGs carry axis titles with units and which way is better', async () => {
    const pareto = await readFile(join(outDir, 'pareto.svg'), 'utf8');
    expect(pareto).toContain('latency_ms (ms, lower is better)');
    expect(pareto).toContain('accuracy (%, higher is better)');
    expect(pareto).toContain('latency_ms ≤ 30 ms');
    const hypervolume = await readFile(join(outDir, 'hypervolume.svg'), 'utf8');
    expect(hypervolume).toContain('hypervolume (higher is better)');
    expect(hypervolume).toContain('evaluations');
  });

  it('report.html is self-contained and holds the summary, both charts, the front and the failures', async () => {
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(externalReferences(html)).toEqual([]);
    expect(html).toContain('<dt>Pareto front size</dt><dd>3</dd>');
    expect(html).toContain('<dt>failed</dt><dd>1</dd>');
    expect(html).toContain('<dt>final hypervolume</dt><dd>0.52 after 6 evaluations</dd>');
    expect(html.match(/<svg/g)).toHaveLength(2);
    const frontTable = /<table id="front-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(frontTable.match(/<tr><td class="number">/g)).toHaveLength(3);
    expect(frontTable).toContain('<code>k5</code>');
    expect(frontTable).toContain('{&quot;ks&quot;:[3,5,7],&quot;e&quot;:10,&quot;note&quot;:&quot;a, \\&quot;quoted\\&quot; value&quot;}');
    const failedTable = /<table id="failed-table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(failedTable).toContain('evaluator crashed: &quot;CUDA out of memory&quot;,\nbatch=128');
  });

  it('has no predictor section and no true-front row when the data has neither', async () => {
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(html).not.toContain('Predictors per iteration');
    expect(html).not.toContain('iterations-table');
    expect(html).not.toContain('true front&#39;s hypervolume');
  });

  it('draws the charts without Vega-Lite or Vega warnings', async () => {
    const charts = await renderReportCharts(data);
    expect(charts.pareto.warnings).toEqual([]);
    expect(charts.hypervolume?.warnings).toEqual([]);
  });
});

describe('writeStudyReport, a model-based tactic on a problem with a known true front', () => {
  const data: StudyReportData = {
    ...smallTwoObjectiveStudy(),
    trueHypervolume: 0.65,
    iterations: [
      {
        batch: 1,
        observed: 10,
        models: [
          { objective: 'latency_ms', model: 'ridge/one-hot', cvKendallTau: 0.93, cvRmse: 0.4213 },
          { objective: 'accuracy', model: 'proxy+svr', cvKendallTau: 0.7412, cvRmse: 2.8734 },
        ],
      },
      {
        batch: 2,
        observed: 20,
        models: [
          { objective: 'accuracy', model: '<b>svr</b>, "x"', cvKendallTau: 0.8, cvRmse: 1.5 },
          { objective: 'latency_ms', model: 'exact', cvKendallTau: null, cvRmse: null },
        ],
      },
    ],
  };
  let outDir: string;
  let files: string[];
  beforeAll(async () => {
    outDir = join(root, 'iterations');
    ({ files } = await writeStudyReport(data, outDir));
  });

  it('writes iterations.csv and iterations.json after the trials', () => {
    const names = files.map((file) => basename(file));
    expect(names.slice(0, 6)).toEqual(['front.csv', 'front.json', 'trials.csv', 'trials.json', 'iterations.csv', 'iterations.json']);
  });

  it('iterations.csv has one row per batch and objective, scores at full precision, none left empty', async () => {
    const rows = parseCsv(await readFile(join(outDir, 'iterations.csv'), 'utf8'));
    expect(rows).toEqual([
      ['batch', 'observed', 'objective', 'model', 'cv_kendall_tau', 'cv_rmse'],
      ['1', '10', 'latency_ms', 'ridge/one-hot', '0.93', '0.4213'],
      ['1', '10', 'accuracy', 'proxy+svr', '0.7412', '2.8734'],
      ['2', '20', 'accuracy', '<b>svr</b>, "x"', '0.8', '1.5'],
      ['2', '20', 'latency_ms', 'exact', '', ''],
    ]);
  });

  it('iterations.json holds the same batches with null for missing scores', async () => {
    const json = JSON.parse(await readFile(join(outDir, 'iterations.json'), 'utf8')) as { study: string; iterations: unknown[] };
    expect(json.study).toBe('small-study');
    expect(json.iterations).toEqual(data.iterations);
  });

  it('report.html tabulates the predictors per batch after the hypervolume, escaped and in objective order', async () => {
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    const at = html.indexOf('<h2>Predictors per iteration</h2>');
    expect(at).toBeGreaterThan(html.indexOf('id="hypervolume-plot"'));
    expect(at).toBeLessThan(html.indexOf('<h2>Front members'));
    const section = html.slice(at, html.indexOf('</table>', at));
    expect(section).toContain('cross-validated Kendall tau');
    expect(section).toContain('<tr><th>batch</th><th>validated before it</th><th>latency_ms</th><th>accuracy</th></tr>');
    expect(section).toContain('<tr><td class="number">1</td><td class="number">10</td><td>ridge/one-hot, tau 0.93, RMSE 0.421</td><td>proxy+svr, tau 0.74, RMSE 2.87</td></tr>');
    expect(section).toContain('<tr><td class="number">2</td><td class="number">20</td><td>exact</td><td>&lt;b&gt;svr&lt;/b&gt;, &quot;x&quot;, tau 0.80, RMSE 1.5</td></tr>');
    expect(section).not.toContain('<b>');
  });

  it("the summary gives the true front's hypervolume and the share of it the study reached", async () => {
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('<dt>true front&#39;s hypervolume</dt><dd>0.65 (final: 80.00% of it)</dd>');
  });

  it('hypervolume.svg draws the true front as a dashed rule and says so', async () => {
    const svg = await readFile(join(outDir, 'hypervolume.svg'), 'utf8');
    expect(svg).toContain("dashed: the true front's hypervolume 0.65000");
    expect(svg).toMatch(/<g class="mark-rule role-mark[^>]*><line [^>]*stroke-dasharray="6,4"/);
    const charts = await renderReportCharts(data);
    expect(charts.hypervolume?.warnings).toEqual([]);
  });

  it('writes no iterations files and no section for an empty list', async () => {
    const empty: StudyReportData = { ...data, iterations: [] };
    const names = (await writeStudyReport(empty, join(root, 'no-iterations'))).files.map((file) => basename(file));
    expect(names).not.toContain('iterations.csv');
    expect(names).not.toContain('iterations.json');
    expect(await readFile(join(root, 'no-iterations', 'report.html'), 'utf8')).not.toContain('Predictors per iteration');
  });
});

describe('writeStudyReport, three objectives (seeded synthetic study)', () => {
  const data = syntheticStudy({ objectives: 3, trials: 80, seed: 5 });
  let outDir: string;
  let files: string[];
  beforeAll(async () => {
    outDir = join(root, 'three');
    ({ files } = await writeStudyReport(data, outDir));
  });

  it('adds one SVG per pair of objectives', () => {
    const names = files.map((file) => basename(file));
    expect(names).toEqual(
      expect.arrayContaining(['pareto.png', 'pareto-latency_ms-accuracy_top1.svg', 'pareto-latency_ms-macs.svg', 'pareto-accuracy_top1-macs.svg', 'report.html']),
    );
    expect(names.filter((name) => /^pareto-.*\.svg$/.test(name))).toHaveLength(3);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('front.csv matches the flagged front, values exact to the last digit', async () => {
    const rows = parseCsv(await readFile(join(outDir, 'front.csv'), 'utf8'));
    const expected = data.trials
      .filter((trial) => trial.onFront)
      .sort((a, b) => (a.values?.['latency_ms'] as number) - (b.values?.['latency_ms'] as number));
    expect(expected.length).toBeGreaterThan(3);
    expect(rows[0]).toEqual(['number', 'key', 'latency_ms', 'accuracy_top1', 'macs', 'config']);
    expect(rows.slice(1).map((row) => Number(row[0]))).toEqual(expected.map((trial) => trial.number));
    rows.slice(1).forEach((row, index) => {
      const trial = expected[index];
      expect(Number(row[2])).toBe(trial?.values?.['latency_ms']);
      expect(Number(row[3])).toBe(trial?.values?.['accuracy_top1']);
      expect(Number(row[4])).toBe(trial?.values?.['macs']);
      expect(JSON.parse(row[5] as string)).toEqual(trial?.config);
    });
  });

  it('the main plot names the colour objective and the page embeds every plot', async () => {
    const pareto = await readFile(join(outDir, 'pareto.svg'), 'utf8');
    expect(pareto).toContain('MACs, lower is better');
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(externalReferences(html)).toEqual([]);
    expect(html.match(/<svg/g)).toHaveLength(1 + 3 + 1);
    // Each inline SVG keeps its own gradient/clip ids, so one chart cannot borrow another's.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws every chart without warnings', async () => {
    const charts = await renderReportCharts(data);
    expect(charts.pareto.warnings).toEqual([]);
    expect(charts.pairwise).toHaveLength(3);
  });
});

describe('HTML escaping', () => {
  it('escapes study names, configs, keys and reasons', async () => {
    const hostile = '<script>alert(1)</script>';
    const base = smallTwoObjectiveStudy(hostile);
    const data: StudyReportData = {
      ...base,
      problem: '<b>problem</b>',
      trials: base.trials.map((trial) =>
        trial.state === 'failed'
          ? { ...trial, reason: '<img src=x onerror=alert(2)>' }
          : trial.number === 0
            ? { ...trial, key: '<i>k0</i>', config: { note: '</code><script>alert(3)</script>' } }
            : trial,
      ),
    };
    const html = renderHtmlReport(data, await renderReportCharts(data));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>problem</b>');
    expect(html).not.toContain('<i>k0</i>');
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;: carve study report</title>');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;/code&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
  });
});

describe('input checks', () => {
  it('refuses a single objective, naming the field', async () => {
    const base = smallTwoObjectiveStudy();
    const data: StudyReportData = { ...base, objectives: base.objectives.slice(0, 1) };
    await expect(writeStudyReport(data, join(root, 'never'))).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'objectives' });
    expect(existsSync(join(root, 'never'))).toBe(false);
  });

  it('refuses a true front hypervolume that is not a finite non-negative number, naming the field', async () => {
    const data: StudyReportData = { ...smallTwoObjectiveStudy(), trueHypervolume: Number.NaN };
    await expect(writeStudyReport(data, join(root, 'never'))).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'trueHypervolume' });
  });

  it('refuses duplicate objective names', () => {
    const base = smallTwoObjectiveStudy();
    const data: StudyReportData = { ...base, objectives: [base.objectives[0]!, base.objectives[0]!] };
    expect(() => renderHtmlReport(data, { pareto: { svg: '', png: Buffer.alloc(0), warnings: [] }, pairwise: [], hypervolume: null })).toThrow(CarveError);
  });
});
