import { describe, expect, it } from 'vitest';
import { createOfaMobileNetV3 } from '../../supernets/ofa-mobilenetv3/supernet.js';
import { AnalyticCostEvaluator } from './analytic-cost-evaluator.js';

describe('AnalyticCostEvaluator', () => {
  const supernet = createOfaMobileNetV3(1.0);
  const smallest = supernet.codec.fromNative({ ks: new Array(20).fill(3), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 224 });

  it('returns exact MACs and params per candidate, in the chosen convention', async () => {
    const convLinear = new AnalyticCostEvaluator({ supernet });
    const torchprofile = new AnalyticCostEvaluator({ supernet, convention: 'torchprofile' });
    const candidate = { key: supernet.space.key(smallest), genome: smallest, config: supernet.codec.toNative(smallest) };
    const [plain] = await convLinear.evaluate([candidate]);
    expect(plain).toEqual({ ok: true, values: { macs: 121_278_672, params: 3_410_792 } });
    const [profiled] = await torchprofile.evaluate([candidate]);
    expect(profiled?.ok === true && profiled.values['macs']).toBe(supernet.costs(smallest, 'torchprofile').macs);
    expect(convLinear.id).toBe('analytic@1:ofa-mbv3-w1.0:conv-linear');
    expect(torchprofile.id).toBe('analytic@1:ofa-mbv3-w1.0:torchprofile');
    expect(convLinear.provides).toEqual(['macs', 'params']);
  });

  it('reports a genome outside the space as a failed candidate without failing the batch', async () => {
    const evaluator = new AnalyticCostEvaluator({ supernet });
    const good = { key: 'good', genome: smallest, config: null };
    const results = await evaluator.evaluate([{ key: 'bad', genome: [9, 9], config: null }, good]);
    expect(results[0]).toMatchObject({ ok: false, retryable: false });
    expect(results[1]?.ok).toBe(true);
  });

  it('rejects an unknown convention, naming it', () => {
    expect(() => new AnalyticCostEvaluator({ supernet, convention: 'flops' as 'torchprofile' })).toThrow(/flops/);
  });
});
