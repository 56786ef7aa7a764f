// Ground truth: every sub-network DyNAS-T evaluated on OFA MobileNetV3 w1.0, with its measured MACs and params.

import { describe, expect, it } from 'vitest';
import { readDynastMbv3Logs } from '../testing/datasets.js';
import { createOfaMobileNetV3 } from './supernet.js';

describe('OFA MobileNetV3 w1.0 against the DyNAS-T logs', () => {
  const rows = readDynastMbv3Logs();
  const supernet = createOfaMobileNetV3(1.0);

  it('reads all logged rows', () => {
    // 364 + 540 + 554 + 361 + 554 rows in the five files.
    expect(rows.length).toBe(2373);
    expect(new Set(rows.map((row) => row.configText)).size).toBe(2223);
  });

  it('matches the logged MACs (conv-linear) and parameter count of every row exactly', () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      const genome = supernet.codec.fromNative(row.config);
      const costs = supernet.costs(genome, 'conv-linear');
      if (costs.macs !== row.macs || costs.params !== row.params) {
        mismatches.push(`${row.file}:${row.line} macs ${costs.macs} vs ${row.macs}, params ${costs.params} vs ${row.params}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('puts torchprofile totals 2.0-3.6% above conv-linear on the logged sub-networks', () => {
    let low = Infinity;
    let high = 0;
    for (const row of rows) {
      const genome = supernet.codec.fromNative(row.config);
      const ratio = supernet.costs(genome, 'torchprofile').macs / supernet.costs(genome, 'conv-linear').macs;
      low = Math.min(low, ratio);
      high = Math.max(high, ratio);
    }
    expect(low).toBeGreaterThan(1.02);
    expect(high).toBeLessThan(1.036);
  });
});
