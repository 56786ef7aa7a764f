// Reads `carve search --config file.yaml|json`: the same settings as the flags, validated with named fields.

import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { CarveError, badInput } from '../core/errors.js';

const stringOrList = z.union([z.string(), z.array(z.string())]);

const searchConfigSchema = z
  .object({
    problem: z.string().optional(),
    objectives: stringOrList.optional(),
    constraints: stringOrList.optional(),
    tactic: z.string().optional(),
    tacticOptions: z.record(z.string(), z.unknown()).optional(),
    evals: z.number().int().positive().optional(),
    population: z.number().int().positive().optional(),
    seed: z.number().int().optional(),
    storage: z.string().optional(),
    study: z.string().optional(),
    workers: z.enum(['local', 'remote']).optional(),
    lease: z.number().positive().optional(),
  })
  .strict();

export type SearchConfig = z.infer<typeof searchConfigSchema>;

export function parseSearchConfig(text: string, source: string): SearchConfig {
  let raw: unknown;
  try {
    raw = source.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new CarveError('BAD_INPUT', `cannot parse ${source}: ${error instanceof Error ? error.message : String(error)}`, {
      field: '--config',
      hint: 'the file must be valid YAML (or JSON for a .json file)',
      cause: error,
    });
  }
  if (raw === null || raw === undefined) return {};
  const parsed = searchConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? '' : issue.path.map(String).join('.');
    const known = Object.keys(searchConfigSchema.shape).join(', ');
    const message = issue === undefined ? 'invalid settings' : issue.message;
    throw badInput(`${source}: ${path === '' ? '(top level)' : path}`, message, `allowed keys: ${known}`);
  }
  return parsed.data;
}

export function loadSearchConfig(path: string): SearchConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CarveError('NOT_FOUND', `cannot read config file ${path}`, { field: '--config', hint: 'check the path', cause: error });
  }
  return parseSearchConfig(text, path);
}
