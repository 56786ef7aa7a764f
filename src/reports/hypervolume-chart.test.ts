import { describe, expect, it } from 'vitest';
import { hypervolumeChartSpec } from './hypervolume-chart.js';
import { renderVegaLite } from './render.js';

interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark: { type: string; strokeDash?: number[] };
  encoding: Record<string, { field?: string; datum?: number; scale?: { domain?: number[] } }>;
}

interface Spec {
  title: { subtitle?: string[] };
  layer: Layer[];
}

const curve = [
  { evaluations: 1, hypervolume: 0.4 },
  { evaluations: 5, hypervolume: 0.61 },
  { evaluations: 10, hypervolume: 0.7 },
];

function specOf(trueHypervolume?: number): Spec {
  return hypervolumeChartSpec(curve, { title: 'study', note: 'basis', trueHypervolume }) as unknown as Spec;
}

describe('hypervolumeChartSpec', () => {
  it('draws no rule and says nothing of a true front when none is given', () => {
    const spec = specOf();
    expect(spec.layer.map((layer) => layer.mark.type)).toEqual(['line', 'point']);
    expect(spec.title.subtitle?.join(' ')).not.toContain('true front');
  });

  it("draws the true front's hypervolume as a dashed horizontal rule and names it in the subtitle", () => {
    const spec = specOf(0.95);
    const rules = spec.layer.filter((layer) => layer.mark.type === 'rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]?.encoding['y']?.datum).toBe(0.95);
    expect(rules[0]?.encoding['x']).toBeUndefined();
    expect(rules[0]?.mark.strokeDash).toBeDefined();
    expect(spec.title.subtitle).toContain("dashed: the true front's hypervolume 0.95000");
  });

  it('widens the y domain to include the rule, however far above the curve it is', () => {
    const curveLayer = specOf(0.95).layer.find((layer) => layer.mark.type === 'line');
    expect(curveLayer?.encoding['y']?.scale?.domain).toEqual([0.4, 0.95]);
  });

  it('renders without warnings, the rule spanning the plot', async () => {
    const { svg, warnings } = await renderVegaLite(hypervolumeChartSpec(curve, { title: 'study', trueHypervolume: 0.95 }));
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/<g class="mark-rule role-mark[^"]*"[^>]*><line [^>]*x2="-?560"/);
    expect(svg).toContain('stroke-dasharray="6,4"');
  });
});
