import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { FashionOfaAccuracyEvaluator, argmax } from './accuracy-evaluator.js';
import { defaultFashionOfaDirectory, FASHION_MNIST_DIR_ENV } from './held-out.js';
import type { FashionOfaConfig } from './architecture.js';
import { createFashionOfaSpace } from './space.js';

const PYTHON = '/usr/bin/python3';
const EVALUATE_SCRIPT = join(defaultFashionOfaDirectory(), 'evaluate.py');

function pythonHasTorch(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;
}

/** Accuracies from `evaluate.py --batch` for the given native configs. */
function runPythonBatch(configs: readonly unknown[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [EVALUATE_SCRIPT, '--batch', '--threads', '1'], {
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as number[]);
      else reject(new Error(`evaluate.py exited with ${code}: ${stderr}`));
    });
    child.stdin.end(JSON.stringify(configs));
  });
}

const hasTorch = pythonHasTorch();
if (!hasTorch) {
  console.warn(`skipping the Python/onnxruntime agreement test: ${PYTHON} cannot import torch (apt-get install python3-torch python3-numpy)`);
}

describe('argmax', () => {
  it('returns the first largest value of a row', () => {
    const values = Float32Array.from([9, 9, 1, 2, 7, 7, 3]);
    expect(argmax(values, 0, 3)).toBe(0);
    expect(argmax(values, 3, 4)).toBe(1);
  });
});

describe('FashionOfaAccuracyEvaluator', () => {
  it('reports a failed result, not an exception, for a genome outside the space', async () => {
    const evaluator = new FashionOfaAccuracyEvaluator();
    const [result] = await evaluator.evaluate([{ key: 'bad', genome: [7, 7], config: {} }]);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(evaluator.id).toMatch(/^fashion-ofa-accuracy@1\+[0-9a-f]{12}\/heldout-2000\/onnxruntime-cpu$/);
    expect(evaluator.provides).toEqual(['accuracy']);
  });

  it('reproduces the held-out accuracies recorded in training-summary.json (and the READMEs)', async () => {
    const summary = JSON.parse(readFileSync(join(defaultFashionOfaDirectory(), 'training-summary.json'), 'utf8')) as {
      args: { heldout: number };
      subnets: { name: string; config: FashionOfaConfig; heldout_accuracy: number }[];
    };
    expect(summary.args.heldout).toBe(2000);
    expect(summary.subnets.map((subnet) => subnet.name).slice(0, 2)).toEqual(['largest', 'smallest']);
    const evaluator = new FashionOfaAccuracyEvaluator({ threads: 1 });
    for (const subnet of summary.subnets) {
      // PyTorch recorded them; onnxruntime agrees within 0.1 points (2 of the 2,000 images).
      expect(Math.abs((await evaluator.accuracyOf(subnet.config)) - subnet.heldout_accuracy), subnet.name).toBeLessThanOrEqual(0.1);
    }
  }, 120_000);

  it.skipIf(!hasTorch)('evaluate.py names FASHION_MNIST_DIR and the Debian package when the images are missing', () => {
    const run = spawnSync(PYTHON, [EVALUATE_SCRIPT, '--config', '{}'], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', [FASHION_MNIST_DIR_ENV]: '/nonexistent/fashion-mnist' },
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('FASHION_MNIST_DIR');
    expect(run.stderr).toContain('apt-get install dataset-fashion-mnist');
  }, 60_000);

  it.skipIf(!hasTorch)('agrees with the PyTorch evaluator within 0.1 points on 20 random sub-networks', async () => {
    const { space, codec } = createFashionOfaSpace();
    const rng = createRng(20_240_601);
    const genomes = Array.from({ length: 20 }, () => space.sample(rng));
    const configs = genomes.map((genome) => codec.toNative(genome));
    // PyTorch (one thread) and onnxruntime (one thread) run side by side.
    const expectedPromise = runPythonBatch(configs);
    expectedPromise.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    const evaluator = new FashionOfaAccuracyEvaluator({ threads: 1 });
    const results = await evaluator.evaluate(genomes.map((genome) => ({ key: space.key(genome), genome, config: codec.toNative(genome) })));
    const expected = await expectedPromise;
    expect(expected).toHaveLength(20);
    const actual = results.map((result) => {
      if (!result.ok) throw new Error(result.reason);
      return result.values['accuracy'] as number;
    });
    for (let index = 0; index < 20; index += 1) {
      expect(Math.abs((actual[index] as number) - (expected[index] as number)), `sub-network ${index}`).toBeLessThanOrEqual(0.1);
    }
    // The sample must not be degenerate: different sub-networks reach different accuracies.
    expect(new Set(actual).size).toBeGreaterThan(1);
  }, 240_000);
});
