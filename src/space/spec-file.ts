// Search spaces declared in YAML or JSON files, checked with errors that name the place in the file.
//
// File format (YAML shown; JSON has the same fields):
//   name: my-space
//   description: optional text
//   genes:
//     - { name: depth_0, choices: [2, 3, 4] }
//     - name: kernel
//       choices: [3, 5, 7]
//       repeat: 4                                # expands to kernel_0 .. kernel_3, each with the same conditions
//       activeWhen: [{ gene: depth_0, in: [3, 4] }]
//     - { name: expand, choices: [3, 4, 6], activeWhen: [{ gene: depth_0, atLeast: 3 }] }
// A condition is `{ gene, in: [values] }` or `{ gene, atLeast: X }`; the latter is shorthand for `in` listing
// the referenced gene's numeric choices >= X. Conditions may name genes made by `repeat` (e.g. kernel_2).

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { CarveError, badInput, isCarveError } from '../core/errors.js';
import { compileSpaceSpec } from './compile-spec.js';
import { listNames, unknownNameHint } from './suggest.js';
import type { Condition, GeneSpec, GeneValue, SpaceSpec } from './types.js';

export type SpaceSpecFormat = 'yaml' | 'json';

const valueSchema = z.union([z.number(), z.string(), z.boolean()], { error: 'must be a number, a string or a boolean' });

const conditionSchema = z.strictObject({
  gene: z.string().min(1),
  in: z.array(valueSchema).min(1).optional(),
  atLeast: z.number().optional(),
});

const geneSchema = z.strictObject({
  name: z.string().min(1),
  choices: z.array(valueSchema).min(1),
  activeWhen: z.array(conditionSchema).optional(),
  description: z.string().optional(),
  repeat: z.number().int().min(1).max(10_000).optional(),
});

const spaceFileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  genes: z.array(geneSchema).min(1),
});

type SpaceFile = z.infer<typeof spaceFileSchema>;
type FileCondition = z.infer<typeof conditionSchema>;

type PathPart = PropertyKey;

function pathText(path: readonly PathPart[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function valueAt(data: unknown, path: readonly PathPart[]): unknown {
  let current = data;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Known keys at each level of the file, for "did you mean" hints on unknown fields. */
function knownKeysAt(path: readonly PathPart[]): readonly string[] {
  if (path.length === 0) return Object.keys(spaceFileSchema.shape);
  if (path.length === 2) return Object.keys(geneSchema.shape);
  return Object.keys(conditionSchema.shape);
}

const HINTS: Readonly<Record<string, string>> = {
  name: 'give a non-empty name, e.g. name: depth_0',
  genes: 'list the genes, each { name, choices }',
  choices: 'list the values the gene can take, e.g. choices: [3, 5, 7]',
  activeWhen: 'write conditions as activeWhen: [{ gene: depth_0, in: [3, 4] }]',
  gene: 'name the gene this condition depends on, e.g. gene: depth_0',
  in: 'list values of the referenced gene, e.g. in: [3, 4]',
  atLeast: 'give a number, e.g. atLeast: 3',
  repeat: 'give a whole number of copies, e.g. repeat: 4',
  description: 'write the description as text',
};

function hintFor(path: readonly PathPart[]): string | undefined {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const part = path[index];
    if (typeof part === 'string') return HINTS[part];
  }
  return undefined;
}

/** One zod issue as a BAD_INPUT error naming the path in the file. */
function issueError(issue: z.core.$ZodIssue, data: unknown, where: (path: string) => string): CarveError {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = knownKeysAt(path);
    return badInput(where(pathText([...path, key])), `unknown field "${key}"`, unknownNameHint(key, known, 'fields'));
  }
  const value = valueAt(data, path);
  const hint = hintFor(path);
  let message: string;
  if (issue.code === 'invalid_type') {
    message = value === undefined ? 'missing required field' : `expected ${issue.expected}, got ${kindOf(value)}`;
  } else if (issue.code === 'too_small') {
    message = issue.origin === 'array' || issue.origin === 'string' ? 'must not be empty' : `must be at least ${String(issue.minimum)}`;
  } else if (issue.code === 'too_big') {
    message = `must be at most ${String(issue.maximum)}`;
  } else {
    message = issue.message;
  }
  return hint === undefined ? badInput(where(pathText(path)), message) : badInput(where(pathText(path)), message, hint);
}

interface GeneOrigin {
  readonly fileIndex: number;
  /** Name of the copy when the gene came from `repeat`. */
  readonly copyName: string | undefined;
}

/** The numeric choices >= `minimum` of the referenced gene: what `atLeast` means. */
function expandAtLeast(
  condition: FileCondition,
  minimum: number,
  choicesByName: ReadonlyMap<string, readonly GeneValue[]>,
  field: string,
): GeneValue[] {
  const choices = choicesByName.get(condition.gene);
  if (choices === undefined) {
    throw badInput(`${field}.gene`, `unknown gene "${condition.gene}"`, unknownNameHint(condition.gene, [...choicesByName.keys()], 'genes'));
  }
  const allowed = choices.filter((choice) => typeof choice === 'number' && choice >= minimum);
  if (allowed.length === 0) {
    throw badInput(
      `${field}.atLeast`,
      `no numeric choice of gene "${condition.gene}" is >= ${minimum}, so this gene could never be active`,
      `its choices are ${listNames(choices)}; lower atLeast or use "in"`,
    );
  }
  return allowed;
}

function expandFile(file: SpaceFile, where: (path: string) => string): { spec: SpaceSpec; origins: GeneOrigin[] } {
  const origins: GeneOrigin[] = [];
  const choicesByName = new Map<string, readonly GeneValue[]>();
  const copyNames = file.genes.map((gene) =>
    gene.repeat === undefined ? [gene.name] : Array.from({ length: gene.repeat }, (_, copy) => `${gene.name}_${copy}`),
  );
  copyNames.forEach((names, fileIndex) => {
    for (const name of names) if (!choicesByName.has(name)) choicesByName.set(name, (file.genes[fileIndex] as SpaceFile['genes'][number]).choices);
  });

  const genes: GeneSpec[] = [];
  file.genes.forEach((gene, fileIndex) => {
    let activeWhen: Condition[] | undefined;
    if (gene.activeWhen !== undefined) {
      activeWhen = gene.activeWhen.map((condition, position) => {
        const field = `genes[${fileIndex}].activeWhen[${position}]`;
        if (condition.in !== undefined && condition.atLeast !== undefined) {
          throw badInput(where(field), 'a condition takes either "in" or "atLeast", not both', 'keep one of them');
        }
        if (condition.atLeast !== undefined) {
          return { gene: condition.gene, in: expandAtLeast(condition, condition.atLeast, choicesByName, where(field)) };
        }
        if (condition.in === undefined) {
          throw badInput(where(field), 'a condition needs "in" (a list of values) or "atLeast" (a number)', 'e.g. { gene: depth_0, in: [3, 4] } or { gene: depth_0, atLeast: 3 }');
        }
        return { gene: condition.gene, in: condition.in };
      });
    }
    for (const name of copyNames[fileIndex] as string[]) {
      const expanded: { name: string; choices: GeneValue[]; activeWhen?: Condition[]; description?: string } = {
        name,
        choices: gene.choices,
      };
      if (activeWhen !== undefined) expanded.activeWhen = activeWhen;
      if (gene.description !== undefined) expanded.description = gene.description;
      genes.push(expanded);
      origins.push({ fileIndex, copyName: gene.repeat === undefined ? undefined : name });
    }
  });

  const spec: { name: string; description?: string; genes: GeneSpec[] } = { name: file.name, genes };
  if (file.description !== undefined) spec.description = file.description;
  return { spec, origins };
}

function relocate(error: CarveError, field: string, message = error.message): CarveError {
  return new CarveError(error.code, message, error.hint === undefined ? { field, cause: error } : { field, hint: error.hint, cause: error });
}

/** Rewrites an error about the expanded gene list so it names the gene's place in the file. */
function toFilePlace(error: CarveError, origins: readonly GeneOrigin[], where: (path: string) => string): CarveError {
  const field = error.field ?? '';
  const fileIndexOf = (expandedIndex: string): number => origins[Number(expandedIndex)]?.fileIndex ?? Number(expandedIndex);
  const match = /^genes\[(\d+)\](.*)$/.exec(field);
  const message = error.message.replace(/genes\[(\d+)\]/g, (_, index: string) => `genes[${fileIndexOf(index)}]`);
  if (match === null) return relocate(error, where(field), message);
  const origin = origins[Number(match[1])];
  const copyNote = origin?.copyName === undefined ? '' : ` (in "${origin.copyName}", made by repeat)`;
  return relocate(error, where(`genes[${fileIndexOf(match[1] as string)}]${match[2] ?? ''}`), `${message}${copyNote}`);
}

function parseText(text: string, format: SpaceSpecFormat, source: string): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new CarveError('BAD_INPUT', `not valid JSON: ${(error as Error).message}`, {
        field: source,
        hint: 'check commas, quotes and brackets near the reported position',
        cause: error,
      });
    }
  }
  try {
    return YAML.parse(text) as unknown;
  } catch (error) {
    throw new CarveError('BAD_INPUT', `not valid YAML: ${(error as Error).message.trim()}`, {
      field: source,
      hint: 'check indentation, quoting and brackets near the reported line',
      cause: error,
    });
  }
}

/**
 * Reads a space declared in YAML or JSON text and returns the expanded, validated spec (`repeat` and `atLeast`
 * resolved), ready for createSearchSpace. Errors name `source` and the path in the file, e.g.
 * `my-space.yaml: genes[2].activeWhen[0].gene: unknown gene "depth_9"`.
 */
export function parseSpaceSpec(text: string, format: SpaceSpecFormat, source = 'space spec'): SpaceSpec {
  if (format !== 'yaml' && format !== 'json') {
    throw badInput('format', `unknown space spec format "${String(format)}"`, 'use yaml or json');
  }
  const where = (path: string): string => (path === '' ? source : `${source}: ${path}`);
  const data = parseText(text, format, source);
  const parsed = spaceFileSchema.safeParse(data);
  if (!parsed.success) {
    // An unknown field is usually a misspelt known one, and that explains the other issues best.
    const issues = [...parsed.error.issues].sort(
      (left, right) => Number(right.code === 'unrecognized_keys') - Number(left.code === 'unrecognized_keys'),
    );
    throw issueError(issues[0] as z.core.$ZodIssue, data, where);
  }
  const { spec, origins } = expandFile(parsed.data, where);
  try {
    compileSpaceSpec(spec);
  } catch (error) {
    if (isCarveError(error)) throw toFilePlace(error, origins, where);
    throw error;
  }
  return spec;
}

/** Reads a space spec file; the format comes from the extension (.yaml, .yml or .json). */
export async function loadSpaceSpec(path: string): Promise<SpaceSpec> {
  const extension = extname(path).toLowerCase();
  const format: SpaceSpecFormat | undefined =
    extension === '.yaml' || extension === '.yml' ? 'yaml' : extension === '.json' ? 'json' : undefined;
  if (format === undefined) {
    throw badInput('path', `cannot tell the format of "${path}" from its extension`, 'name the file *.yaml, *.yml or *.json');
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CarveError('NOT_FOUND', `space spec file "${path}" does not exist`, { field: 'path', hint: 'check the path', cause: error });
    }
    throw new CarveError('BAD_INPUT', `cannot read space spec file "${path}": ${(error as Error).message}`, { field: 'path', cause: error });
  }
  return parseSpaceSpec(text, format, path);
}
