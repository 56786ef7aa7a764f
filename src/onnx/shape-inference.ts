// Static shape inference for the operators carve emits, so MACs can be counted from a graph alone.

import { CarveError } from '../core/errors.js';
import type { AttributeValue, GraphSpec, NodeSpec, TensorSpec } from './types.js';

export type Shape = readonly number[];

/** Operators whose output has the shape of their first input. */
const SAME_SHAPE_OPS = new Set([
  'Relu',
  'Clip',
  'Sigmoid',
  'Tanh',
  'HardSigmoid',
  'HardSwish',
  'LeakyRelu',
  'Erf',
  'Gelu',
  'Sqrt',
  'Exp',
  'Neg',
  'Reciprocal',
  'Identity',
  'Dropout',
  'Softmax',
  'LogSoftmax',
  'Cast',
  'BatchNormalization',
  'LayerNormalization',
  // CumSum with its axis as a second input: fairseq's make_positions (cumsum of the non-padding mask).
  'CumSum',
]);

const BROADCAST_OPS = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Where', 'Equal', 'Less', 'Greater']);

/** Operators the MAC counter and shape inference understand. */
export const SUPPORTED_OPS: readonly string[] = [
  ...SAME_SHAPE_OPS,
  ...BROADCAST_OPS,
  'Conv',
  'Gemm',
  'MatMul',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'AveragePool',
  'MaxPool',
  'ReduceMean',
  'ReduceSum',
  'Reshape',
  'Flatten',
  'Transpose',
  'Concat',
  'Slice',
  'Gather',
  'Expand',
  'Unsqueeze',
  'Squeeze',
].sort();

function fail(node: NodeSpec, index: number, message: string): CarveError {
  return new CarveError('BAD_INPUT', `cannot infer shapes at node "${node.name}" (${node.opType}): ${message}`, {
    field: `graph.nodes[${index}]`,
    hint: `shape inference supports ${SUPPORTED_OPS.join(', ')} with constant shape operands`,
  });
}

function intsAttribute(node: NodeSpec, name: string): number[] | undefined {
  const value: AttributeValue | undefined = node.attributes[name];
  if (value === undefined) return undefined;
  if (value.kind === 'ints') return [...value.value];
  if (value.kind === 'int') return [value.value];
  return undefined;
}

function intAttribute(node: NodeSpec, name: string, fallback: number): number {
  const value = node.attributes[name];
  return value !== undefined && value.kind === 'int' ? value.value : fallback;
}

export function broadcastShapes(shapes: readonly Shape[]): number[] {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  const result = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const offset = rank - shape.length;
    shape.forEach((dim, axis) => {
      const current = result[offset + axis] as number;
      if (dim === current || dim === 1) return;
      if (current === 1) result[offset + axis] = dim;
      else throw new RangeError(`shapes [${shapes.map((s) => s.join('x')).join('], [')}] do not broadcast`);
    });
  }
  return result;
}

function normalizeAxis(axis: number, rank: number): number {
  const normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank) throw new RangeError(`axis ${axis} is out of range for rank ${rank}`);
  return normalized;
}

function constantInts(initializers: ReadonlyMap<string, TensorSpec>, name: string | undefined): number[] | undefined {
  if (name === undefined || name === '') return undefined;
  const tensor = initializers.get(name);
  if (tensor === undefined) return undefined;
  return Array.from(tensor.data as ArrayLike<number | bigint>, (value) => Number(value));
}

/** Spatial output size of a convolution or pooling window along one axis. */
export function windowOutputSize(
  inputSize: number,
  kernel: number,
  stride: number,
  padBegin: number,
  padEnd: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const span = inputSize + padBegin + padEnd - dilation * (kernel - 1) - 1;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let size = Math.ceil(span / stride) + 1;
  // A window may not start in the end padding (the rule PyTorch and ONNX Runtime apply in ceil mode).
  if ((size - 1) * stride >= inputSize + padBegin) size -= 1;
  return size;
}

function windowShape(node: NodeSpec, input: Shape, kernel: readonly number[], outChannels: number, ceilMode: boolean): number[] {
  const spatial = input.length - 2;
  const strides = intsAttribute(node, 'strides') ?? new Array<number>(spatial).fill(1);
  const pads = intsAttribute(node, 'pads') ?? new Array<number>(spatial * 2).fill(0);
  const dilations = intsAttribute(node, 'dilations') ?? new Array<number>(spatial).fill(1);
  const autoPad = node.attributes['auto_pad'];
  if (autoPad !== undefined && !(autoPad.kind === 'string' && autoPad.value === 'NOTSET')) {
    throw new RangeError('auto_pad is not supported; give explicit pads');
  }
  const out = [input[0] as number, outChannels];
  for (let axis = 0; axis < spatial; axis += 1) {
    out.push(
      windowOutputSize(
        input[axis + 2] as number,
        kernel[axis] as number,
        strides[axis] as number,
        pads[axis] as number,
        pads[axis + spatial] as number,
        dilations[axis] as number,
        ceilMode,
      ),
    );
  }
  return out;
}

function reduceShape(input: Shape, axes: readonly number[] | undefined, keepDims: boolean): number[] {
  const reduced = new Set((axes ?? input.map((_, axis) => axis)).map((axis) => normalizeAxis(axis, input.length)));
  const out: number[] = [];
  input.forEach((dim, axis) => {
    if (!reduced.has(axis)) out.push(dim);
    else if (keepDims) out.push(1);
  });
  return out;
}

function matMulShape(a: Shape, b: Shape): number[] {
  const left = a.length === 1 ? [1, a[0] as number] : [...a];
  const right = b.length === 1 ? [b[0] as number, 1] : [...b];
  const inner = left[left.length - 1] as number;
  if (inner !== right[right.length - 2]) throw new RangeError(`inner dimensions ${inner} and ${right[right.length - 2]} differ`);
  const batch = broadcastShapes([left.slice(0, -2), right.slice(0, -2)]);
  const out = [...batch];
  if (a.length !== 1) out.push(left[left.length - 2] as number);
  if (b.length !== 1) out.push(right[right.length - 1] as number);
  return out;
}

function inferNode(node: NodeSpec, shapeOf: (name: string) => Shape, initializers: ReadonlyMap<string, TensorSpec>, opset: number): number[][] {
  const input = (index: number): Shape => shapeOf(node.inputs[index] as string);
  const op = node.opType;
  if (SAME_SHAPE_OPS.has(op)) return node.outputs.map(() => [...input(0)]);
  if (BROADCAST_OPS.has(op)) return [broadcastShapes(node.inputs.map((name) => shapeOf(name)))];
  switch (op) {
    case 'Conv': {
      const x = input(0);
      const weight = input(1);
      const group = intAttribute(node, 'group', 1);
      if ((x[1] as number) !== (weight[1] as number) * group) {
        throw new RangeError(`input has ${x[1]} channels but the weight expects ${(weight[1] as number) * group}`);
      }
      const kernel = intsAttribute(node, 'kernel_shape') ?? weight.slice(2);
      return [windowShape(node, x, kernel, weight[0] as number, false)];
    }
    case 'AveragePool':
    case 'MaxPool': {
      const x = input(0);
      const kernel = intsAttribute(node, 'kernel_shape');
      if (kernel === undefined) throw new RangeError('kernel_shape is required');
      return [windowShape(node, x, kernel, x[1] as number, intAttribute(node, 'ceil_mode', 0) === 1)];
    }
    case 'GlobalAveragePool':
    case 'GlobalMaxPool': {
      const x = input(0);
      return [[x[0] as number, x[1] as number, ...x.slice(2).map(() => 1)]];
    }
    case 'Gemm': {
      const a = input(0);
      const b = input(1);
      const rows = intAttribute(node, 'transA', 0) === 1 ? a[1] : a[0];
      const columns = intAttribute(node, 'transB', 0) === 1 ? b[0] : b[1];
      return [[rows as number, columns as number]];
    }
    case 'MatMul':
      return [matMulShape(input(0), input(1))];
    case 'ReduceMean':
    case 'ReduceSum': {
      const axes = opset >= 18 || op === 'ReduceSum' ? constantInts(initializers, node.inputs[1]) : intsAttribute(node, 'axes');
      return [reduceShape(input(0), axes, intAttribute(node, 'keepdims', 1) === 1)];
    }
    case 'Reshape': {
      const x = input(0);
      const target = constantInts(initializers, node.inputs[1]);
      if (target === undefined) throw new RangeError('the target shape must be a constant initializer');
      const out = target.map((dim, axis) => (dim === 0 ? (x[axis] as number) : dim));
      const known = out.reduce((total, dim) => (dim === -1 ? total : total * dim), 1);
      const total = x.reduce((product, dim) => product * dim, 1);
      const inferred = out.indexOf(-1);
      if (inferred >= 0) out[inferred] = total / known;
      if (out.reduce((product, dim) => product * dim, 1) !== total || !out.every(Number.isInteger)) {
        throw new RangeError(`cannot reshape [${x.join(', ')}] to [${target.join(', ')}]`);
      }
      return [out];
    }
    case 'Flatten': {
      const x = input(0);
      const axis = intAttribute(node, 'axis', 1);
      const split = axis < 0 ? axis + x.length : axis;
      const head = x.slice(0, split).reduce((product, dim) => product * dim, 1);
      const tail = x.slice(split).reduce((product, dim) => product * dim, 1);
      return [[head, tail]];
    }
    case 'Transpose': {
      const x = input(0);
      const perm = intsAttribute(node, 'perm') ?? x.map((_, axis) => x.length - 1 - axis);
      return [perm.map((axis) => x[axis] as number)];
    }
    case 'Concat': {
      const shapes = node.inputs.map((name) => shapeOf(name));
      const first = shapes[0] as Shape;
      const axis = normalizeAxis(intAttribute(node, 'axis', 0), first.length);
      const out = [...first];
      out[axis] = shapes.reduce((sum, shape) => sum + (shape[axis] as number), 0);
      return [out];
    }
    case 'Slice': {
      const x = input(0);
      const starts = constantInts(initializers, node.inputs[1]);
      const ends = constantInts(initializers, node.inputs[2]);
      if (starts === undefined || ends === undefined) throw new RangeError('starts and ends must be constant initializers');
      const axes = constantInts(initializers, node.inputs[3]) ?? starts.map((_, index) => index);
      const steps = constantInts(initializers, node.inputs[4]) ?? starts.map(() => 1);
      const out = [...x];
      axes.forEach((rawAxis, index) => {
        const axis = normalizeAxis(rawAxis, x.length);
        const size = x[axis] as number;
        const step = steps[index] as number;
        if (step <= 0) throw new RangeError('only positive slice steps are supported');
        const clampIndex = (value: number): number => Math.min(Math.max(value < 0 ? value + size : value, 0), size);
        const start = clampIndex(starts[index] as number);
        const end = clampIndex(ends[index] as number);
        out[axis] = Math.max(0, Math.ceil((end - start) / step));
      });
      return [out];
    }
    case 'Gather': {
      const data = input(0);
      const indices = input(1);
      const axis = normalizeAxis(intAttribute(node, 'axis', 0), data.length);
      return [[...data.slice(0, axis), ...indices, ...data.slice(axis + 1)]];
    }
    case 'Expand': {
      const target = constantInts(initializers, node.inputs[1]);
      if (target === undefined) throw new RangeError('the target shape must be a constant initializer');
      return [broadcastShapes([input(0), target])];
    }
    case 'Unsqueeze': {
      const x = input(0);
      const axes = constantInts(initializers, node.inputs[1]) ?? intsAttribute(node, 'axes');
      if (axes === undefined) throw new RangeError('axes are required');
      const rank = x.length + axes.length;
      const inserted = new Set(axes.map((axis) => normalizeAxis(axis, rank)));
      const out: number[] = [];
      let source = 0;
      for (let axis = 0; axis < rank; axis += 1) out.push(inserted.has(axis) ? 1 : (x[source++] as number));
      return [out];
    }
    case 'Squeeze': {
      const x = input(0);
      const axes = constantInts(initializers, node.inputs[1]) ?? intsAttribute(node, 'axes');
      const removed = new Set((axes ?? x.flatMap((dim, axis) => (dim === 1 ? [axis] : []))).map((axis) => normalizeAxis(axis, x.length)));
      return [x.filter((_, axis) => !removed.has(axis))];
    }
    default:
      throw new RangeError(`operator ${op} is not supported`);
  }
}

/**
 * Shapes of every value in the graph: inputs (numeric dimensions required), initializers and node outputs.
 * Nodes must be in topological order, as ONNX requires.
 */
export function inferShapes(graph: GraphSpec, opsetVersion = 17): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  const initializers = new Map(graph.initializers.map((tensor) => [tensor.name, tensor]));
  for (const tensor of graph.initializers) shapes.set(tensor.name, [...tensor.dims]);
  for (const input of graph.inputs) {
    if (!input.shape.every((dim) => typeof dim === 'number')) {
      throw new CarveError('BAD_INPUT', `graph input "${input.name}" has a symbolic shape [${input.shape.join(', ')}]`, {
        field: `graph.inputs.${input.name}`,
        hint: 'build the graph with a fixed batch size and resolution to count it',
      });
    }
    if (!shapes.has(input.name)) shapes.set(input.name, input.shape as number[]);
  }
  graph.nodes.forEach((node, index) => {
    const shapeOf = (name: string): Shape => {
      const shape = shapes.get(name);
      if (shape === undefined) throw fail(node, index, `input "${name}" has no known shape (is the graph in topological order?)`);
      return shape;
    };
    let outputs: number[][];
    try {
      outputs = inferNode(node, shapeOf, initializers, opsetVersion);
    } catch (error) {
      if (error instanceof CarveError) throw error;
      throw fail(node, index, error instanceof Error ? error.message : String(error));
    }
    node.outputs.forEach((name, outputIndex) => {
      const shape = outputs[outputIndex];
      if (shape !== undefined && name !== '') shapes.set(name, shape);
    });
  });
  return shapes;
}
