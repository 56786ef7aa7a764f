import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../data-dir.js';
import { NB201_SPACE_SIZE, opIndicesToArchStr } from './nb201-arch.js';
import { loadNb201Table, loadNb201TableFromDataDir } from './nb201-table.js';

const dataDir = resolveDataDir();

describe('NB201 table (real data)', () => {
  const table = loadNb201TableFromDataDir(dataDir);

  it('holds the whole space, one row per architecture', () => {
    expect(table.rowCount).toBe(NB201_SPACE_SIZE);
    expect(new Set(table.archStrs).size).toBe(NB201_SPACE_SIZE);
  });

  it('maps every row to a distinct op-index list and back, and the string round-trips', () => {
    const seen = new Set<string>();
    const mismatches: number[] = [];
    for (let row = 0; row < table.rowCount; row += 1) {
      const opIndices = table.opIndicesOfRow(row);
      seen.add(opIndices.join(','));
      if (table.rowOfOpIndices(opIndices) !== row || opIndicesToArchStr(opIndices) !== table.archStrs[row]) mismatches.push(row);
    }
    expect(mismatches).toEqual([]);
    expect(seen.size).toBe(NB201_SPACE_SIZE);
  });

  it('lists the datasets and the 27 devices from the header', () => {
    expect(table.datasets).toEqual(['cifar10', 'cifar100', 'imagenet16_120']);
    expect(table.devices).toHaveLength(27);
    expect(table.devices).toContain('pixel3');
    expect(table.devices).toContain('titanxp_1');
  });

  it('reads row 0 values as published', () => {
    expect(table.testAccuracy('cifar10')?.[0]).toBe(85.863);
    expect(table.testAccuracy('imagenet16_120')?.[0]).toBe(26.633);
    expect(table.latencyMs('pixel3')?.[0]).toBe(3.606);
    expect(table.latencyMs('titanxp_32')?.[0]).toBe(7.385);
    expect(table.testAccuracy('svhn')).toBeUndefined();
    expect(table.latencyMs('nokia')).toBeUndefined();
  });

  it('has no missing values in the accuracy and latency columns', () => {
    for (const dataset of table.datasets) expect((table.testAccuracy(dataset) as Float64Array).some(Number.isNaN)).toBe(false);
    for (const device of table.devices) expect((table.latencyMs(device) as Float64Array).some(Number.isNaN)).toBe(false);
  });

  it('answers undefined for invalid op-index lists instead of another row', () => {
    expect(table.rowOfOpIndices([0, 0, 0, 0, 0])).toBeUndefined();
    expect(table.rowOfOpIndices([0, 0, 0, 0, 0, 5])).toBeUndefined();
  });

  it('is parsed once per path', () => {
    expect(loadNb201TableFromDataDir(dataDir)).toBe(table);
  });
});

describe('NB201 table checks', () => {
  const header = 'index,arch_str,cifar10_test_acc,lat_ms_toy';
  const archA = opIndicesToArchStr([0, 0, 0, 0, 0, 0]);
  const archB = opIndicesToArchStr([1, 0, 0, 0, 0, 0]);
  function write(text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'carve-nb201-')), 'table.csv');
    writeFileSync(path, text);
    return path;
  }

  it('loads a partial table and keeps missing values as NaN', () => {
    const table = loadNb201Table(write(`${header}\n0,${archA},10,\n1,${archB},,2.5\n`));
    expect(table.rowCount).toBe(2);
    expect(Number.isNaN(table.latencyMs('toy')?.[0])).toBe(true);
    expect(Number.isNaN(table.testAccuracy('cifar10')?.[1])).toBe(true);
    expect(table.rowOfOpIndices([2, 0, 0, 0, 0, 0])).toBeUndefined();
  });

  it('rejects duplicated architectures and out-of-order indices', () => {
    expect(() => loadNb201Table(write(`${header}\n0,${archA},10,1\n1,${archA},10,1\n`))).toThrow(/rows 0 and 1 hold the same/);
    expect(() => loadNb201Table(write(`${header}\n1,${archA},10,1\n`))).toThrow(/index 1, expected 0/);
  });
});
