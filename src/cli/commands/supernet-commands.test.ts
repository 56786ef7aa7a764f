import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { isCarveError } from '../../core/errors.js';
import type { CliOutput } from '../output.js';
import { registerCosts } from './costs.js';
import { registerMeasure } from './measure.js';
import { registerSpaces } from './spaces.js';

function capture(): CliOutput & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => lines.push(text), err: (text) => lines.push(text), isTTY: false, stderr: null };
}

async function run(args: string[]): Promise<string[]> {
  const output = capture();
  const program = new Command().exitOverride();
  registerCosts(program, output);
  registerMeasure(program, output);
  registerSpaces(program, output);
  for (const command of program.commands) command.exitOverride();
  await program.parseAsync(['node', 'carve', ...args]);
  return output.lines;
}

async function failure(args: string[]): Promise<{ code: string; field: string | undefined; message: string; hint: string | undefined }> {
  try {
    await run(args);
  } catch (error) {
    if (isCarveError(error)) return { code: error.code, field: error.field, message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected the command to fail');
}

const SMALLEST = { ks: new Array(20).fill(3), e: new Array(20).fill(3), d: [2, 2, 2, 2, 2], r: 224 };

describe('carve costs', () => {
  it('prints exact MACs and params of one config, in either convention', async () => {
    expect(await run(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST)])).toEqual(['{"macs":121278672,"params":3410792}']);
    const [profiled] = await run(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST), '--macs-convention', 'torchprofile']);
    expect(JSON.parse(profiled as string).macs).toBeGreaterThan(121_278_672);
  });

  it('answers a file of configs with one JSON line each, keeping failed lines in place', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'carve-costs-'));
    const good = join(folder, 'good.jsonl');
    writeFileSync(good, `${JSON.stringify(SMALLEST)}\n\n${JSON.stringify({ ...SMALLEST, r: [160] })}\n`);
    const lines = (await run(['costs', '--supernet', 'ofa-mbv3-w1.0', '--configs', good]))[0]?.split('\n') ?? [];
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] as string)).toEqual({ macs: 121_278_672, params: 3_410_792 });
    expect(JSON.parse(lines[1] as string).macs).toBeLessThan(121_278_672);

    const mixed = join(folder, 'mixed.jsonl');
    const badKernel = { ...SMALLEST, ks: [...SMALLEST.ks] };
    badKernel.ks[1] = 9;
    writeFileSync(mixed, `${JSON.stringify(SMALLEST)}\n${JSON.stringify(badKernel)}\n{oops\n`);
    const output = capture();
    const program = new Command().exitOverride();
    registerCosts(program, output);
    program.commands[0]?.exitOverride();
    await expect(program.parseAsync(['node', 'carve', 'costs', '--supernet', 'ofa-mbv3-w1.0', '--configs', mixed])).rejects.toThrow(/2 of 3 configs are invalid/);
    const written = output.lines[0]?.split('\n') ?? [];
    expect(JSON.parse(written[1] as string)).toMatchObject({ line: 2, error: expect.stringContaining('config.ks[1]'), fix: 'use one of 3, 5, 7' });
    expect(JSON.parse(written[2] as string)).toMatchObject({ line: 3, error: expect.stringContaining('not valid JSON') });
  });

  it('names the field and the fix for bad input', async () => {
    expect(await failure(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', '{ks: 3}'])).toMatchObject({ code: 'BAD_INPUT', field: '--config' });
    expect(await failure(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify({ ...SMALLEST, d: [2, 2] })])).toMatchObject({ field: 'config.d', message: expect.stringContaining('2 entries') });
    expect(await failure(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify({ ...SMALLEST, e: [5, ...SMALLEST.e.slice(1)] })])).toMatchObject({ field: 'config.e[0]', hint: 'use one of 3, 4, 6' });
    expect(await failure(['costs', '--supernet', 'nope', '--config', JSON.stringify(SMALLEST)])).toMatchObject({ code: 'NOT_FOUND', hint: expect.stringContaining('ofa-resnet50') });
    expect(await failure(['costs', '--supernet', 'ofa-mbv3-w1.0', '--config', '{}', '--macs-convention', 'flops'])).toMatchObject({ field: '--macs-convention' });
    expect(await failure(['costs', '--supernet', 'ofa-mbv3-w1.0'])).toMatchObject({ field: '--config' });
  });
});

describe('carve spaces', () => {
  it('lists every super-network with its exact number of sub-networks', async () => {
    const [json] = await run(['spaces', '--json']);
    const spaces = JSON.parse(json as string) as { id: string; subnetworks: string; subnetworksWithResolution: string | null; inputUnit: string }[];
    expect(spaces.map((space) => space.id)).toEqual(['fashion-ofa', 'ofa-mbv3-w1.0', 'ofa-mbv3-w1.2', 'ofa-proxyless-w1.3', 'ofa-resnet50', 'bert-base', 'vit-b16', 'hat-wmt14-en-de']);
    const hat = spaces.find((space) => space.id === 'hat-wmt14-en-de');
    expect(hat).toMatchObject({ subnetworks: '417846678672384', subnetworksWithResolution: null, inputUnit: 'tokens' });
    expect(spaces[0]?.subnetworks).toBe((258n ** 3n).toString());
    expect(spaces[0]?.subnetworksWithResolution).toBeNull();
    expect(spaces[1]?.subnetworks).toBe((7371n ** 5n).toString());
    expect(spaces[2]?.subnetworksWithResolution).toBe((7371n ** 5n * 17n).toString());
    const text = (await run(['spaces'])).join('\n');
    expect(text).toContain('21758655492572485851 sub-networks (2.18e19) at 224px');
    expect(text).toContain('17173512 sub-networks (1.72e7) at 28px');
    expect(text).toContain('417846678672384 sub-networks (4.18e14) at 30 tokens');
  });
});

describe('carve measure', () => {
  it('prints the median latency and its spread as JSON', async () => {
    const config = { ...SMALLEST, r: 128 };
    const [json] = await run(['measure', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(config), '--runs', '3', '--warmup', '1']);
    const report = JSON.parse(json as string) as Record<string, unknown>;
    expect(report).toMatchObject({ supernet: 'ofa-mbv3-w1.0', statistic: 'p10', clock: 'cpu', repeats: 3, warmup: 1, batchSize: 1, threads: 1, config: { r: 128 } });
    expect(report['latencyMs']).toBeGreaterThan(0);
    expect(report['p90Ms']).toBeGreaterThanOrEqual(report['minMs'] as number);
  });

  it('checks its numeric flags', async () => {
    expect(await failure(['measure', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST), '--runs', 'many'])).toMatchObject({ field: '--runs' });
    expect(await failure(['measure', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST), '--statistic', 'mode'])).toMatchObject({ field: '--statistic' });
    expect(await failure(['measure', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST), '--threads', '2', '--clock', 'cpu'])).toMatchObject({ field: 'clock' });
  });

  it('times a HAT translation with the given output length and beam, and refuses them for one-graph families', async () => {
    const config = {
      encoder: { encoder_embed_dim: 512, encoder_layer_num: 6, encoder_ffn_embed_dim: [1024, 1024, 1024, 1024, 1024, 1024], encoder_self_attention_heads: [4, 4, 4, 4, 4, 4] },
      decoder: { decoder_embed_dim: 512, decoder_layer_num: 1, decoder_ffn_embed_dim: [1024], decoder_self_attention_heads: [4], decoder_ende_attention_heads: [4], decoder_arbitrary_ende_attn: [-1] },
    };
    const args = ['measure', '--supernet', 'hat-wmt14-en-de', '--config', JSON.stringify(config), '--runs', '2', '--warmup', '0', '--output-length', '2', '--source-length', '4', '--beam', '1'];
    const report = JSON.parse((await run(args))[0] as string) as Record<string, unknown>;
    expect(report).toMatchObject({ supernet: 'hat-wmt14-en-de', repeats: 2, config });
    expect(report['evaluator']).toContain(':hat-wmt14-en-de:src4-out2-beam1:');
    expect(report['latencyMs']).toBeGreaterThan(0);
    expect(await failure(['measure', '--supernet', 'ofa-mbv3-w1.0', '--config', JSON.stringify(SMALLEST), '--beam', '4'])).toMatchObject({ field: '--beam' });
  });
});
