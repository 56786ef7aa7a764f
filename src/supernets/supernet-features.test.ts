import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { createEncoder } from '../space/index.js';
import { getSupernet } from './registry.js';
import { supernetFeatures } from './supernet-features.js';

describe('supernetFeatures', () => {
  for (const id of ['ofa-mbv3-w1.0', 'ofa-resnet50', 'hat-wmt14-en-de', 'bert-base']) {
    it(`${id}: the plain one-hot of active genes, with ln(exact parameters) as proxy`, () => {
      const supernet = getSupernet(id);
      const features = supernetFeatures(supernet);
      const oneHot = createEncoder(supernet.space, 'one-hot');
      expect(features.kind).toBe('one-hot');
      expect(features.width).toBe(oneHot.width);
      const rng = createRng(3);
      const proxies = new Set<number>();
      for (let draw = 0; draw < 20; draw += 1) {
        const genome = supernet.space.sample(rng);
        expect(features.encode(genome)).toEqual(oneHot.encode(genome));
        const params = supernet.costs(genome, 'torchprofile').params;
        expect(features.proxy?.(genome)).toBeCloseTo(Math.log(params), 12);
        proxies.add(features.proxy?.(genome) as number);
      }
      // It tells sub-networks apart.
      expect(proxies.size).toBeGreaterThan(10);
    });
  }

  it('orders the smallest and the largest OFA MobileNetV3 sub-networks by size', () => {
    const supernet = getSupernet('ofa-mbv3-w1.0');
    const proxy = supernetFeatures(supernet).proxy as (genome: number[]) => number;
    const smallest = supernet.space.genes.map(() => 0);
    const largest = supernet.space.genes.map((gene) => gene.choices.length - 1);
    // Every stage at depth 2, kernel 3, expand 3 against depth 4, kernel 7, expand 6: 3,410,792 against 7,664,760.
    expect(proxy(smallest)).toBeCloseTo(Math.log(3410792), 12);
    expect(proxy(largest) - proxy(smallest)).toBeGreaterThan(Math.log(2));
    expect(proxy(largest)).toBeCloseTo(Math.log(7664760), 12);
  });
});
