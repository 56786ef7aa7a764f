// Checks a space spec and compiles its conditions into flat index tables, so activity costs no lookups by name.

import { badInput } from '../core/errors.js';
import { listNames, unknownNameHint } from './suggest.js';
import type { Condition, GeneSpec, GeneValue, Genome, SpaceSpec } from './types.js';

/**
 * A validated space in table form. Conditions of gene g are the entries `condStart[g] .. condStart[g + 1] - 1`:
 * condition c holds when gene `condController[c]` is active and `condAllowed[condOffset[c] + itsChoice]` is 1.
 */
export interface CompiledSpace {
  readonly name: string;
  readonly description: string | undefined;
  /** Deep-frozen copy of the spec's genes, so later edits to the caller's objects change nothing. */
  readonly genes: readonly GeneSpec[];
  readonly geneCount: number;
  readonly names: readonly string[];
  readonly choiceCounts: readonly number[];
  /** choiceCounts as a typed array: the genome check reads it on every call, and typed reads are cheapest. */
  readonly countTable: Int32Array;
  readonly indexByName: ReadonlyMap<string, number>;
  /** Every gene index, each after all genes its conditions reference; otherwise in declaration order. */
  readonly order: Int32Array;
  /** The genes of `order` that have conditions (the others are always active). */
  readonly conditionalOrder: Int32Array;
  readonly condStart: Int32Array;
  readonly condController: Int32Array;
  readonly condOffset: Int32Array;
  readonly condAllowed: Uint8Array;
  /** Genes referenced by at least one condition. */
  readonly isController: Uint8Array;
}

function isGeneValue(value: unknown): value is GeneValue {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkChoices(raw: unknown, field: string): GeneValue[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw badInput(field, 'a gene needs a non-empty list of choices', 'list at least one value, e.g. choices: [3, 5, 7]');
  }
  const choices: GeneValue[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const value: unknown = raw[index];
    if (!isGeneValue(value)) {
      throw badInput(
        `${field}[${index}]`,
        `choice ${describeValue(value)} is not a finite number, a string or a boolean`,
        'choices must be plain numbers, strings or booleans',
      );
    }
    const earlier = choices.indexOf(value);
    if (earlier >= 0) {
      throw badInput(
        `${field}[${index}]`,
        `duplicate choice ${describeValue(value)} (same as ${field}[${earlier}])`,
        'list each choice once',
      );
    }
    choices.push(value);
  }
  return choices;
}

function checkGeneName(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw badInput(field, 'a gene needs a non-empty name', 'give every gene a unique name, e.g. name: depth_0');
  }
  if (raw !== raw.trim()) {
    throw badInput(field, `gene name "${raw}" starts or ends with spaces`, `write it as "${raw.trim()}"`);
  }
  // Decoded values are plain objects keyed by gene name; this one key would replace the object's prototype.
  if (raw === '__proto__') throw badInput(field, 'the gene name "__proto__" is reserved', 'rename the gene');
  return raw;
}

interface RawCondition {
  readonly field: string;
  readonly gene: string;
  readonly values: GeneValue[];
}

function checkConditionShape(raw: unknown, field: string): RawCondition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw badInput(field, 'a condition must be an object { gene, in }', 'write it as { gene: depth_0, in: [3, 4] }');
  }
  const condition = raw as Partial<Condition>;
  if (typeof condition.gene !== 'string' || condition.gene === '') {
    throw badInput(`${field}.gene`, 'a condition must name the gene it depends on', 'write it as { gene: depth_0, in: [3, 4] }');
  }
  if (!Array.isArray(condition.in) || condition.in.length === 0) {
    throw badInput(
      `${field}.in`,
      'a condition needs a non-empty list of values (with none the gene could never be active)',
      'list the values of the referenced gene for which this gene is active, e.g. in: [3, 4]',
    );
  }
  const values: GeneValue[] = [];
  condition.in.forEach((value: unknown, index) => {
    if (!isGeneValue(value)) {
      throw badInput(`${field}.in[${index}]`, `value ${describeValue(value)} is not a number, a string or a boolean`);
    }
    values.push(value);
  });
  return { field, gene: condition.gene, values };
}

function freezeGene(name: string, choices: GeneValue[], conditions: RawCondition[] | undefined, description: unknown): GeneSpec {
  const gene: { name: string; choices: readonly GeneValue[]; activeWhen?: readonly Condition[]; description?: string } = {
    name,
    choices: Object.freeze(choices),
  };
  if (conditions !== undefined) {
    gene.activeWhen = Object.freeze(
      conditions.map((condition) => Object.freeze({ gene: condition.gene, in: Object.freeze([...condition.values]) })),
    );
  }
  if (typeof description === 'string') gene.description = description;
  return Object.freeze(gene);
}

/**
 * Orders genes so each comes after the genes its conditions reference (depth-first, in declaration order),
 * and reports a cycle with the genes on it.
 */
function dependencyOrder(names: readonly string[], dependencies: readonly (readonly number[])[], fields: readonly (readonly string[])[]): Int32Array {
  const state = new Uint8Array(names.length); // 0 = unseen, 1 = on the current path, 2 = placed
  const order = new Int32Array(names.length);
  const path: number[] = [];
  let placed = 0;
  const visit = (gene: number): void => {
    state[gene] = 1;
    path.push(gene);
    const geneDependencies = dependencies[gene] as readonly number[];
    for (let position = 0; position < geneDependencies.length; position += 1) {
      const dependency = geneDependencies[position] as number;
      if (state[dependency] === 1) {
        const cycle = path.slice(path.indexOf(dependency)).map((index) => names[index] as string);
        cycle.push(names[dependency] as string);
        throw badInput(
          (fields[gene] as readonly string[])[position] as string,
          `conditions form a cycle: ${cycle.map((name) => `"${name}"`).join(' depends on ')}`,
          'a gene cannot depend, directly or through other genes, on itself: remove one condition of the cycle',
        );
      }
      if (state[dependency] === 0) visit(dependency);
    }
    path.pop();
    state[gene] = 2;
    order[placed] = gene;
    placed += 1;
  };
  for (let gene = 0; gene < names.length; gene += 1) if (state[gene] === 0) visit(gene);
  return order;
}

/** Validates `spec` (every error names its field, e.g. `genes[3].choices`) and builds the condition tables. */
export function compileSpaceSpec(spec: SpaceSpec): CompiledSpace {
  if (typeof spec !== 'object' || spec === null) {
    throw badInput('spec', 'a search space must be an object { name, genes }');
  }
  if (typeof spec.name !== 'string' || spec.name.trim() === '') {
    throw badInput('name', 'a search space needs a non-empty name', 'name the space, e.g. name: ofa-mobilenetv3');
  }
  if (spec.description !== undefined && typeof spec.description !== 'string') {
    throw badInput('description', 'the description must be a string');
  }
  if (!Array.isArray(spec.genes) || spec.genes.length === 0) {
    throw badInput('genes', 'a search space needs at least one gene', 'list the genes, each { name, choices }');
  }

  const names: string[] = [];
  const choiceLists: GeneValue[][] = [];
  const indexByName = new Map<string, number>();
  spec.genes.forEach((gene: unknown, index) => {
    const field = `genes[${index}]`;
    if (typeof gene !== 'object' || gene === null || Array.isArray(gene)) {
      throw badInput(field, 'a gene must be an object { name, choices }');
    }
    const { name, choices, description } = gene as Partial<GeneSpec>;
    const checkedName = checkGeneName(name, `${field}.name`);
    const earlier = indexByName.get(checkedName);
    if (earlier !== undefined) {
      throw badInput(`${field}.name`, `duplicate gene name "${checkedName}" (also genes[${earlier}].name)`, 'give every gene a unique name');
    }
    if (description !== undefined && typeof description !== 'string') {
      throw badInput(`${field}.description`, 'the description must be a string');
    }
    indexByName.set(checkedName, index);
    names.push(checkedName);
    choiceLists.push(checkChoices(choices, `${field}.choices`));
  });

  // Conditions may reference genes declared later, so they are resolved once every name is known.
  const geneCount = names.length;
  const dependencies: number[][] = [];
  const dependencyFields: string[][] = [];
  const rawConditions: (RawCondition[] | undefined)[] = [];
  const allowedLists: Uint8Array[][] = [];
  spec.genes.forEach((gene, index) => {
    const field = `genes[${index}].activeWhen`;
    const activeWhen: unknown = gene.activeWhen;
    const geneDependencies: number[] = [];
    const geneFields: string[] = [];
    const geneAllowed: Uint8Array[] = [];
    if (activeWhen === undefined) {
      rawConditions.push(undefined);
    } else {
      if (!Array.isArray(activeWhen)) {
        throw badInput(field, 'activeWhen must be a list of conditions', 'write it as activeWhen: [{ gene: depth_0, in: [3, 4] }]');
      }
      const conditions = activeWhen.map((raw: unknown, position) => checkConditionShape(raw, `${field}[${position}]`));
      for (const condition of conditions) {
        const controller = indexByName.get(condition.gene);
        if (controller === undefined) {
          throw badInput(`${condition.field}.gene`, `unknown gene "${condition.gene}"`, unknownNameHint(condition.gene, names, 'genes'));
        }
        const controllerChoices = choiceLists[controller] as GeneValue[];
        const allowed = new Uint8Array(controllerChoices.length);
        condition.values.forEach((value, position) => {
          const choiceIndex = controllerChoices.indexOf(value);
          if (choiceIndex < 0) {
            throw badInput(
              `${condition.field}.in[${position}]`,
              `${describeValue(value)} is not a choice of gene "${condition.gene}"`,
              `use values among its choices: ${listNames(controllerChoices)}`,
            );
          }
          allowed[choiceIndex] = 1;
        });
        geneDependencies.push(controller);
        geneFields.push(`${condition.field}.gene`);
        geneAllowed.push(allowed);
      }
      rawConditions.push(conditions);
    }
    dependencies.push(geneDependencies);
    dependencyFields.push(geneFields);
    allowedLists.push(geneAllowed);
  });

  const order = dependencyOrder(names, dependencies, dependencyFields);

  const conditionTotal = dependencies.reduce((sum, list) => sum + list.length, 0);
  const condStart = new Int32Array(geneCount + 1);
  const condController = new Int32Array(conditionTotal);
  const condOffset = new Int32Array(conditionTotal);
  const isController = new Uint8Array(geneCount);
  let allowedTotal = 0;
  for (const list of allowedLists) for (const allowed of list) allowedTotal += allowed.length;
  const condAllowed = new Uint8Array(allowedTotal);
  let condition = 0;
  let offset = 0;
  for (let gene = 0; gene < geneCount; gene += 1) {
    condStart[gene] = condition;
    const geneDependencies = dependencies[gene] as number[];
    const geneAllowed = allowedLists[gene] as Uint8Array[];
    for (let position = 0; position < geneDependencies.length; position += 1) {
      const controller = geneDependencies[position] as number;
      const allowed = geneAllowed[position] as Uint8Array;
      condController[condition] = controller;
      condOffset[condition] = offset;
      condAllowed.set(allowed, offset);
      isController[controller] = 1;
      offset += allowed.length;
      condition += 1;
    }
  }
  condStart[geneCount] = condition;

  const conditionalOrder = order.filter((gene) => (condStart[gene + 1] as number) > (condStart[gene] as number));
  const genes = Object.freeze(
    spec.genes.map((gene, index) =>
      freezeGene(names[index] as string, choiceLists[index] as GeneValue[], rawConditions[index], gene.description),
    ),
  );

  return {
    name: spec.name,
    description: spec.description,
    genes,
    geneCount,
    names: Object.freeze(names),
    choiceCounts: Object.freeze(choiceLists.map((choices) => choices.length)),
    countTable: Int32Array.from(choiceLists, (choices) => choices.length),
    indexByName,
    order,
    conditionalOrder,
    condStart,
    condController,
    condOffset,
    condAllowed,
    isController,
  };
}

/**
 * Writes 1 for active and 0 for inactive genes into `out` (length geneCount). The genome must be valid.
 * Genes are visited in dependency order so a controller's activity is known before its dependants'.
 */
export function fillActiveMask(compiled: CompiledSpace, genome: Genome, out: Uint8Array): void {
  const { conditionalOrder, condStart, condController, condOffset, condAllowed } = compiled;
  out.fill(1);
  for (let position = 0; position < conditionalOrder.length; position += 1) {
    const gene = conditionalOrder[position] as number;
    const end = condStart[gene + 1] as number;
    let active = 1;
    for (let condition = condStart[gene] as number; condition < end; condition += 1) {
      const controller = condController[condition] as number;
      if (out[controller] === 0 || condAllowed[(condOffset[condition] as number) + (genome[controller] as number)] === 0) {
        active = 0;
        break;
      }
    }
    out[gene] = active;
  }
}

/** Throws BAD_INPUT unless `genome` has one in-range integer choice index per gene. */
export function checkGenome(compiled: CompiledSpace, genome: Genome): void {
  if (genome === null || typeof genome !== 'object' || typeof genome.length !== 'number') {
    throw badInput('genome', 'a genome must be an array of choice indices');
  }
  if (genome.length !== compiled.geneCount) {
    throw badInput(
      'genome',
      `genome has ${genome.length} entries but space "${compiled.name}" has ${compiled.geneCount} genes`,
      'give one choice index per gene, in the order of the space genes',
    );
  }
  const { countTable } = compiled;
  for (let gene = 0; gene < genome.length; gene += 1) {
    const index = genome[gene] as number;
    const count = countTable[gene] as number;
    // `index >>> 0 === index` is a fast integer-and-non-negative test for the range choice indices live in.
    if (!(index >>> 0 === index && index < count)) {
      throw badInput(
        compiled.names[gene] as string,
        `choice index ${describeValue(index)} is out of range: the gene has ${count} choices`,
        `use an integer from 0 to ${count - 1}`,
      );
    }
  }
}
