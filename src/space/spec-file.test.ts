import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchSpace } from './search-space.js';
import { loadSpaceSpec, parseSpaceSpec, type SpaceSpecFormat } from './spec-file.js';
import { asyncErrorOf, errorOf } from './testing/errors.js';
import { bruteForceCount } from './testing/fixtures.js';

const STAGE_YAML = `
# one OFA-like stage: depth gates the last two blocks
name: one-stage
description: depth gates the last two blocks
genes:
  - name: depth
    choices: [2, 3, 4]
  - name: kernel
    choices: [3, 5, 7]
    repeat: 2
  - name: kernel_third
    choices: [3, 5, 7]
    activeWhen: [{ gene: depth, atLeast: 3 }]
  - name: kernel_fourth
    choices: [3, 5, 7]
    activeWhen:
      - gene: depth
        in: [4]
  - name: use_se
    choices: [true, false]
    activeWhen: [{ gene: kernel_1, in: [5, 7] }]
`;

const STAGE_JSON = JSON.stringify({
  name: 'one-stage',
  description: 'depth gates the last two blocks',
  genes: [
    { name: 'depth', choices: [2, 3, 4] },
    { name: 'kernel', choices: [3, 5, 7], repeat: 2 },
    { name: 'kernel_third', choices: [3, 5, 7], activeWhen: [{ gene: 'depth', atLeast: 3 }] },
    { name: 'kernel_fourth', choices: [3, 5, 7], activeWhen: [{ gene: 'depth', in: [4] }] },
    { name: 'use_se', choices: [true, false], activeWhen: [{ gene: 'kernel_1', in: [5, 7] }] },
  ],
});

describe('parseSpaceSpec', () => {
  it('reads a YAML space, expanding repeat and atLeast', () => {
    const spec = parseSpaceSpec(STAGE_YAML, 'yaml', 'stage.yaml');
    expect(spec.name).toBe('one-stage');
    expect(spec.description).toBe('depth gates the last two blocks');
    expect(spec.genes.map((gene) => gene.name)).toEqual(['depth', 'kernel_0', 'kernel_1', 'kernel_third', 'kernel_fourth', 'use_se']);
    expect(spec.genes[3]).toEqual({ name: 'kernel_third', choices: [3, 5, 7], activeWhen: [{ gene: 'depth', in: [3, 4] }] });
    expect(spec.genes[1]).toEqual({ name: 'kernel_0', choices: [3, 5, 7] });
    const space = createSearchSpace(spec);
    // depth: 1 + 3 + 9 = 13 ways for the gated blocks; kernel_0: 3; kernel_1 with use_se: 1 + 2 + 2 = 5.
    expect(space.cardinality()).toBe(195n);
    expect(bruteForceCount(space)).toBe(195);
  });

  it('reads the same space from JSON', () => {
    expect(parseSpaceSpec(STAGE_JSON, 'json')).toEqual(parseSpaceSpec(STAGE_YAML, 'yaml'));
  });

  it('copies the conditions of a repeated gene to every copy', () => {
    const spec = parseSpaceSpec(
      'name: r\ngenes:\n  - { name: depth, choices: [2, 3] }\n  - { name: k, choices: [3, 5], repeat: 3, activeWhen: [{ gene: depth, in: [3] }] }\n',
      'yaml',
    );
    expect(spec.genes.slice(1).map((gene) => [gene.name, gene.activeWhen])).toEqual([
      ['k_0', [{ gene: 'depth', in: [3] }]],
      ['k_1', [{ gene: 'depth', in: [3] }]],
      ['k_2', [{ gene: 'depth', in: [3] }]],
    ]);
  });
});

/** Parses `yaml` and returns the full text of the error, as the CLI prints it. */
function yamlError(yaml: string): string {
  return errorOf(() => parseSpaceSpec(yaml, 'yaml', 'my-space.yaml')).describe();
}

const HEAD = 'name: bad\ngenes:\n  - { name: depth_0, choices: [2, 3, 4] }\n';

describe('parseSpaceSpec errors name the place in the file', () => {
  it('unknown gene in a condition, with a suggestion', () => {
    const error = errorOf(() =>
      parseSpaceSpec(`${HEAD}  - { name: width, choices: [1, 2] }\n  - { name: k, choices: [3], activeWhen: [{ gene: depth_9, in: [3] }] }\n`, 'yaml', 'my-space.yaml'),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.field).toBe('my-space.yaml: genes[2].activeWhen[0].gene');
    expect(error.describe()).toMatch(/^my-space\.yaml: genes\[2\]\.activeWhen\[0\]\.gene: unknown gene "depth_9"\n {2}fix: did you mean "depth_0"\?/);
  });

  it('unknown gene in an atLeast condition', () => {
    expect(yamlError(`${HEAD}  - { name: k, choices: [3], activeWhen: [{ gene: depht_0, atLeast: 3 }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.activeWhen\[0\]\.gene: unknown gene "depht_0"/,
    );
  });

  it('misspelt field names', () => {
    const text = yamlError('name: bad\ngenes:\n  - { name: depth_0, choice: [2, 3, 4] }\n');
    expect(text).toMatch(/^my-space\.yaml: genes\[0\]\.choice: unknown field "choice"/);
    expect(text).toContain('did you mean "choices"');
    expect(yamlError(`${HEAD}  - { name: k, choices: [3], activeWhen: [{ gene: depth_0, inn: [3] }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.activeWhen\[0\]\.inn: unknown field/,
    );
  });

  it('missing, empty and ill-typed fields', () => {
    expect(yamlError('genes:\n  - { name: a, choices: [1] }\n')).toMatch(/^my-space\.yaml: name: missing required field/);
    expect(yamlError(`${HEAD}  - { name: k, choices: [] }\n`)).toMatch(/^my-space\.yaml: genes\[1\]\.choices: must not be empty\n {2}fix: /);
    expect(yamlError(`${HEAD}  - { name: k, choices: [1, { a: 2 }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.choices\[1\]: must be a number, a string or a boolean/,
    );
    expect(yamlError(`${HEAD}  - { name: k, choices: [1], repeat: 0 }\n`)).toMatch(/^my-space\.yaml: genes\[1\]\.repeat: must be at least 1/);
    expect(yamlError(`${HEAD}  - { name: k, choices: [1], repeat: 1.5 }\n`)).toMatch(/^my-space\.yaml: genes\[1\]\.repeat: expected int/);
    expect(yamlError('name: bad\ngenes: depth\n')).toMatch(/^my-space\.yaml: genes: expected array, got string "depth"/);
    expect(yamlError('')).toMatch(/^my-space\.yaml: expected object, got null/);
  });

  it('duplicate choices and unknown condition values, found after expansion', () => {
    expect(yamlError(`${HEAD}  - { name: k, choices: [3, 5, 3] }\n`)).toMatch(/^my-space\.yaml: genes\[1\]\.choices\[2\]: duplicate choice 3/);
    const copyText = yamlError(`${HEAD}  - { name: k, choices: [3], repeat: 3, activeWhen: [{ gene: depth_0, in: [5] }] }\n`);
    expect(copyText).toMatch(/^my-space\.yaml: genes\[1\]\.activeWhen\[0\]\.in\[0\]: 5 is not a choice of gene "depth_0" \(in "k_0", made by repeat\)/);
    expect(copyText).toContain('2, 3, 4');
  });

  it('names made twice by repeat, with file positions in the message', () => {
    const text = yamlError('name: bad\ngenes:\n  - { name: k, choices: [1], repeat: 2 }\n  - { name: x, choices: [1] }\n  - { name: k_1, choices: [2] }\n');
    expect(text).toMatch(/^my-space\.yaml: genes\[2\]\.name: duplicate gene name "k_1" \(also genes\[0\]\.name\)/);
  });

  it('conditions with both or neither of in and atLeast, or an impossible atLeast', () => {
    expect(yamlError(`${HEAD}  - { name: k, choices: [3], activeWhen: [{ gene: depth_0, in: [3], atLeast: 3 }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.activeWhen\[0\]: a condition takes either "in" or "atLeast"/,
    );
    expect(yamlError(`${HEAD}  - { name: k, choices: [3], activeWhen: [{ gene: depth_0 }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.activeWhen\[0\]: a condition needs "in"/,
    );
    expect(yamlError(`${HEAD}  - { name: k, choices: [3], activeWhen: [{ gene: depth_0, atLeast: 5 }] }\n`)).toMatch(
      /^my-space\.yaml: genes\[1\]\.activeWhen\[0\]\.atLeast: no numeric choice of gene "depth_0" is >= 5/,
    );
  });

  it('cycles', () => {
    const text = yamlError(
      'name: bad\ngenes:\n  - { name: a, choices: [1, 2], activeWhen: [{ gene: b, in: [1] }] }\n  - { name: b, choices: [1, 2], activeWhen: [{ gene: a, in: [1] }] }\n',
    );
    expect(text).toMatch(/^my-space\.yaml: genes\[1\]\.activeWhen\[0\]\.gene: conditions form a cycle: "a" depends on "b" depends on "a"/);
  });

  it('syntax errors in YAML and JSON', () => {
    const yamlSyntax = errorOf(() => parseSpaceSpec('name: [bad\ngenes: 1\n', 'yaml', 'my-space.yaml'));
    expect(yamlSyntax.field).toBe('my-space.yaml');
    expect(yamlSyntax.message).toMatch(/^not valid YAML: .*line/);
    const jsonSyntax = errorOf(() => parseSpaceSpec('{"name": "x", "genes": [}', 'json', 'space.json'));
    expect(jsonSyntax.field).toBe('space.json');
    expect(jsonSyntax.message).toMatch(/^not valid JSON/);
    expect(errorOf(() => parseSpaceSpec(STAGE_JSON, 'toml' as SpaceSpecFormat)).field).toBe('format');
  });

  it('names the source "space spec" when none is given', () => {
    expect(errorOf(() => parseSpaceSpec('name: x\ngenes: []\n', 'yaml')).field).toBe('space spec: genes');
  });
});

describe('loadSpaceSpec', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'carve-space-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads .yaml, .yml and .json files', async () => {
    const expected = parseSpaceSpec(STAGE_YAML, 'yaml');
    for (const [file, text] of [
      ['stage.yaml', STAGE_YAML],
      ['stage.YML', STAGE_YAML],
      ['stage.json', STAGE_JSON],
    ] as const) {
      await writeFile(join(folder, file), text);
      expect(await loadSpaceSpec(join(folder, file))).toEqual(expected);
    }
  });

  it('names the file in errors about its content', async () => {
    const path = join(folder, 'bad.yaml');
    await writeFile(path, 'name: bad\ngenes: []\n');
    expect((await asyncErrorOf(() => loadSpaceSpec(path))).field).toBe(`${path}: genes`);
  });

  it('reports missing files and unknown extensions', async () => {
    const missing = await asyncErrorOf(() => loadSpaceSpec(join(folder, 'absent.yaml')));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.field).toBe('path');
    const extension = await asyncErrorOf(() => loadSpaceSpec(join(folder, 'space.txt')));
    expect(extension.code).toBe('BAD_INPUT');
    expect(extension.hint).toContain('.yaml');
  });
});
