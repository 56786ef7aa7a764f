// NAS-Bench-201 cell strings (`arch_str`) to and from one op index per edge, e0..e5 in arch_str order.

import { badInput } from '../../core/errors.js';

/** The five NB201 operations, in gene choice order. */
export const NB201_OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
export type Nb201Op = (typeof NB201_OPS)[number];

/** Number of cell edges (genes). */
export const NB201_EDGE_COUNT = 6;
/** Number of architectures in the space: 5^6. */
export const NB201_SPACE_SIZE = NB201_OPS.length ** NB201_EDGE_COUNT;

const ARCH_STR_FORMAT = 'write it as |op~0|+|op~0|op~1|+|op~0|op~1|op~2|';
const OP_INDEX = new Map<string, number>(NB201_OPS.map((op, index) => [op, index]));

/** Edge names in arch_str order: node 1 from 0; node 2 from 0, 1; node 3 from 0, 1, 2. */
export const NB201_EDGE_NAMES = ['e0', 'e1', 'e2', 'e3', 'e4', 'e5'] as const;

/** The cell string of one op index per edge. Indices must already be valid. */
export function opIndicesToArchStr(opIndices: readonly number[]): string {
  const op = (edge: number): string => NB201_OPS[opIndices[edge] as number] as string;
  return `|${op(0)}~0|+|${op(1)}~0|${op(2)}~1|+|${op(3)}~0|${op(4)}~1|${op(5)}~2|`;
}

/** One op index per edge from a cell string; BAD_INPUT (field `arch_str`) naming what is wrong. */
export function archStrToOpIndices(archStr: unknown): number[] {
  if (typeof archStr !== 'string') {
    throw badInput('arch_str', `an NB201 architecture must be a cell string, got ${typeof archStr}`, ARCH_STR_FORMAT);
  }
  const nodes = archStr.split('+');
  if (nodes.length !== 3) {
    throw badInput('arch_str', `"${archStr}" has ${nodes.length} node groups where NB201 cells have 3`, ARCH_STR_FORMAT);
  }
  const opIndices: number[] = [];
  nodes.forEach((node, nodeIndex) => {
    if (!node.startsWith('|') || !node.endsWith('|') || node.length < 2) {
      throw badInput('arch_str', `"${archStr}": node group "${node}" must start and end with |`, ARCH_STR_FORMAT);
    }
    const inputs = node.slice(1, -1).split('|');
    if (inputs.length !== nodeIndex + 1) {
      throw badInput(
        'arch_str',
        `"${archStr}": node ${nodeIndex + 1} has ${inputs.length} inputs where it must have ${nodeIndex + 1}`,
        ARCH_STR_FORMAT,
      );
    }
    inputs.forEach((input, inputIndex) => {
      const edge = opIndices.length;
      const tilde = input.lastIndexOf('~');
      const opName = tilde === -1 ? input : input.slice(0, tilde);
      const source = tilde === -1 ? '' : input.slice(tilde + 1);
      if (source !== String(inputIndex)) {
        throw badInput(
          'arch_str',
          `"${archStr}": edge ${NB201_EDGE_NAMES[edge]} is "${input}" where it must end in ~${inputIndex}`,
          ARCH_STR_FORMAT,
        );
      }
      const opIndex = OP_INDEX.get(opName);
      if (opIndex === undefined) {
        throw badInput(
          'arch_str',
          `unknown op "${opName}" on edge ${NB201_EDGE_NAMES[edge]} (node ${nodeIndex + 1}, input ${inputIndex}) of "${archStr}"`,
          `choose one of ${NB201_OPS.join(', ')}`,
        );
      }
      opIndices.push(opIndex);
    });
  });
  return opIndices;
}

/** True when there is one integer op index in range per edge. */
export function isValidOpIndices(opIndices: readonly number[]): boolean {
  return (
    opIndices.length === NB201_EDGE_COUNT &&
    opIndices.every((opIndex) => Number.isInteger(opIndex) && opIndex >= 0 && opIndex < NB201_OPS.length)
  );
}

/** A dense number in [0, 5^6) for one op index per edge (base 5, e0 most significant). */
export function opIndicesCode(opIndices: readonly number[]): number {
  let code = 0;
  for (let edge = 0; edge < NB201_EDGE_COUNT; edge += 1) code = code * NB201_OPS.length + (opIndices[edge] as number);
  return code;
}
