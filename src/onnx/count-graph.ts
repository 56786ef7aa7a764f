// Counts MACs and parameters of an ONNX graph by walking its nodes with inferred shapes.

import { inferShapes } from './shape-inference.js';
import { parseModel } from './serialize.js';
import { macsOf, type MacBreakdown } from './macs-convention.js';
import type { MacsConvention, ModelSpec, NodeSpec, TensorSpec } from './types.js';

function numel(shape: readonly number[]): number {
  let total = 1;
  for (const dim of shape) total *= dim;
  return total;
}

function asModel(model: ModelSpec | Uint8Array): ModelSpec {
  return model instanceof Uint8Array ? parseModel(model) : model;
}

/** MACs by operation kind (see macs-convention.ts for what each convention sums). */
export function countGraphBreakdown(modelOrBytes: ModelSpec | Uint8Array): MacBreakdown {
  const model = asModel(modelOrBytes);
  const { graph } = model;
  const shapes = inferShapes(graph, model.opsetVersion);
  const parameters = new Set(graph.initializers.filter((tensor) => tensor.role === 'parameter').map((tensor) => tensor.name));
  const shapeOf = (name: string | undefined): readonly number[] => shapes.get(name ?? '') ?? [];
  const tally = { convMacs: 0, linearMacs: 0, matmulMacs: 0, normElements: 0, mulElements: 0, poolElements: 0 };
  for (const node of graph.nodes) countNode(node, shapeOf, parameters, tally);
  return tally;
}

function countNode(
  node: NodeSpec,
  shapeOf: (name: string | undefined) => readonly number[],
  parameters: ReadonlySet<string>,
  tally: { -readonly [K in keyof MacBreakdown]: number },
): void {
  const output = shapeOf(node.outputs[0]);
  switch (node.opType) {
    case 'Conv': {
      const weight = shapeOf(node.inputs[1]);
      // weight is [out, in/group, k...]: each output element reads in/group × kernel-area inputs.
      tally.convMacs += numel(output) * numel(weight.slice(1));
      return;
    }
    case 'Gemm': {
      const a = shapeOf(node.inputs[0]);
      const transA = node.attributes['transA'];
      const inner = transA !== undefined && transA.kind === 'int' && transA.value === 1 ? a[0] : a[1];
      tally.linearMacs += numel(output) * (inner as number);
      return;
    }
    case 'MatMul': {
      const a = shapeOf(node.inputs[0]);
      const inner = a[a.length - 1] as number;
      const macs = numel(output) * inner;
      const hasWeight = parameters.has(node.inputs[0] ?? '') || parameters.has(node.inputs[1] ?? '');
      if (hasWeight) tally.linearMacs += macs;
      else tally.matmulMacs += macs;
      return;
    }
    case 'BatchNormalization':
    case 'LayerNormalization':
      tally.normElements += numel(output);
      return;
    case 'Mul':
    case 'HardSwish':
      tally.mulElements += numel(output);
      return;
    case 'ReduceMean':
    case 'GlobalAveragePool':
    case 'AveragePool':
      tally.poolElements += numel(output);
      return;
    default:
      return;
  }
}

/** MACs of the graph in one convention; takes a built model or serialised bytes. */
export function countGraphMacs(model: ModelSpec | Uint8Array, convention: MacsConvention): number {
  return macsOf(countGraphBreakdown(model), convention);
}

/** Number of trained parameters: elements of initializers whose role is `parameter`. */
export function countGraphParams(model: ModelSpec | Uint8Array): number {
  let total = 0;
  for (const tensor of asModel(model).graph.initializers as readonly TensorSpec[]) {
    if (tensor.role === 'parameter') total += numel(tensor.dims);
  }
  return total;
}
