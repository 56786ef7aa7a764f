// Builds ONNX graphs node by node: unique value names, typed initializers and helpers for common operators.

import { CarveError, badInput } from '../core/errors.js';
import { inferShapes } from './shape-inference.js';
import {
  attr,
  type AttributeValue,
  type InitializerRole,
  type ModelSpec,
  type NodeSpec,
  type TensorDataType,
  type TensorSpec,
  type ValueInfoSpec,
} from './types.js';

export interface GraphBuilderOptions {
  readonly name?: string;
  /** Default opset 17: the first with LayerNormalization; HardSwish needs 14, Gelu 20. */
  readonly opsetVersion?: number;
  readonly producerName?: string;
}

export interface ConvOptions {
  readonly strides?: readonly number[];
  /** ONNX order: begin of each spatial axis, then end of each. */
  readonly pads?: readonly number[];
  readonly group?: number;
  readonly dilations?: readonly number[];
}

export interface PoolOptions {
  readonly kernelShape: readonly number[];
  readonly strides?: readonly number[];
  readonly pads?: readonly number[];
  readonly ceilMode?: boolean;
}

const DEFAULT_OPSET = 17;
const MAX_OPSET = 20;

/** The IR version that goes with an opset: 8 up to opset 18 (ONNX 1.13), 9 for opsets 19-20 (ONNX 1.14-1.15). */
export function irVersionFor(opset: number): number {
  return opset <= 18 ? 8 : 9;
}
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.:/-]*$/;

function product(dims: readonly number[]): number {
  let total = 1;
  for (const dim of dims) total *= dim;
  return total;
}

export class GraphBuilder {
  readonly opsetVersion: number;
  private readonly graphName: string;
  private readonly producerName: string;
  private readonly inputs: ValueInfoSpec[] = [];
  private readonly outputs: { name: string; shape: readonly (number | string)[] | undefined }[] = [];
  private readonly initializers: TensorSpec[] = [];
  private readonly nodes: NodeSpec[] = [];
  private readonly usedNames = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(options: GraphBuilderOptions = {}) {
    const opset = options.opsetVersion ?? DEFAULT_OPSET;
    if (!Number.isInteger(opset) || opset < 13 || opset > MAX_OPSET) {
      throw badInput('opsetVersion', `opset ${opset} is not supported`, `use an opset from 13 to ${MAX_OPSET} (17 is the default)`);
    }
    this.opsetVersion = opset;
    this.graphName = options.name ?? 'graph';
    this.producerName = options.producerName ?? 'carve';
  }

  /** A fresh value name starting with `hint` (hint itself when still free). */
  uniqueName(hint: string): string {
    const base = NAME_PATTERN.test(hint) ? hint : 'value';
    if (!this.usedNames.has(base)) {
      this.usedNames.add(base);
      return base;
    }
    let counter = this.counters.get(base) ?? 1;
    let candidate = `${base}_${counter}`;
    while (this.usedNames.has(candidate)) {
      counter += 1;
      candidate = `${base}_${counter}`;
    }
    this.counters.set(base, counter + 1);
    this.usedNames.add(candidate);
    return candidate;
  }

  /** Declares a graph input; returns its value name. */
  input(name: string, shape: readonly (number | string)[], dataType: TensorDataType = 'float32'): string {
    const unique = this.uniqueName(name);
    if (unique !== name) throw badInput('name', `graph input "${name}" is declared twice`, 'give each input its own name');
    this.inputs.push({ name, dataType, shape: [...shape] });
    return name;
  }

  /** Marks a value as a graph output; its shape is inferred at build time when not given. */
  output(value: string, shape?: readonly (number | string)[]): void {
    this.outputs.push({ name: value, shape: shape === undefined ? undefined : [...shape] });
  }

  initializer(nameHint: string, dims: readonly number[], data: Float32Array | BigInt64Array, role: InitializerRole): string {
    if (!dims.every((dim) => Number.isInteger(dim) && dim >= 0)) {
      throw badInput('dims', `initializer "${nameHint}" has invalid dims [${dims.join(', ')}]`, 'dims are non-negative integers');
    }
    if (data.length !== product(dims)) {
      throw badInput(
        'data',
        `initializer "${nameHint}" has ${data.length} values but dims [${dims.join(', ')}] need ${product(dims)}`,
        'pass exactly one value per element',
      );
    }
    const name = this.uniqueName(nameHint);
    const dataType: TensorDataType = data instanceof Float32Array ? 'float32' : 'int64';
    this.initializers.push({ name, dataType, dims: [...dims], data, role });
    return name;
  }

  /** A trained weight: counted as a parameter. */
  parameter(nameHint: string, dims: readonly number[], data: Float32Array): string {
    return this.initializer(nameHint, dims, data, 'parameter');
  }

  /** Running state such as batch-norm statistics: stored, not counted as a parameter. */
  buffer(nameHint: string, dims: readonly number[], data: Float32Array): string {
    return this.initializer(nameHint, dims, data, 'buffer');
  }

  constantFloat(nameHint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(nameHint, dims, Float32Array.from(values), 'constant');
  }

  constantInt64(nameHint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(nameHint, dims, BigInt64Array.from(values, (value) => BigInt(value)), 'constant');
  }

  /** Adds a node with `outputCount` fresh outputs; returns their names. */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    options: { readonly outputCount?: number; readonly outputHint?: string } = {},
  ): string[] {
    const outputCount = options.outputCount ?? 1;
    const hint = options.outputHint ?? opType.toLowerCase();
    const outputs = Array.from({ length: outputCount }, () => this.uniqueName(hint));
    const name = this.uniqueName(`${opType}_node`);
    this.nodes.push({ name, opType, inputs: [...inputs], outputs, attributes: { ...attributes } });
    return outputs;
  }

  /** A single-output node. */
  op(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, AttributeValue>> = {}, outputHint?: string): string {
    return this.node(opType, inputs, attributes, outputHint === undefined ? {} : { outputHint })[0] as string;
  }

  conv(x: string, weight: string, bias: string | undefined, options: ConvOptions = {}): string {
    const attributes: Record<string, AttributeValue> = {};
    if (options.strides !== undefined) attributes['strides'] = attr.ints(options.strides);
    if (options.pads !== undefined) attributes['pads'] = attr.ints(options.pads);
    if (options.group !== undefined && options.group !== 1) attributes['group'] = attr.int(options.group);
    if (options.dilations !== undefined) attributes['dilations'] = attr.ints(options.dilations);
    return this.op('Conv', bias === undefined ? [x, weight] : [x, weight, bias], attributes, 'conv');
  }

  /** Y = A·B' + C when transB (the layout of a linear layer's weight, [out, in]). */
  gemm(a: string, b: string, c: string | undefined, options: { readonly transB?: boolean } = {}): string {
    const attributes: Record<string, AttributeValue> = options.transB === true ? { transB: attr.int(1) } : {};
    return this.op('Gemm', c === undefined ? [a, b] : [a, b, c], attributes, 'gemm');
  }

  matMul(a: string, b: string): string {
    return this.op('MatMul', [a, b], {}, 'matmul');
  }

  add(a: string, b: string): string {
    return this.op('Add', [a, b], {}, 'add');
  }

  sub(a: string, b: string): string {
    return this.op('Sub', [a, b], {}, 'sub');
  }

  mul(a: string, b: string): string {
    return this.op('Mul', [a, b], {}, 'mul');
  }

  div(a: string, b: string): string {
    return this.op('Div', [a, b], {}, 'div');
  }

  relu(x: string): string {
    return this.op('Relu', [x], {}, 'relu');
  }

  /** min(max(x, low), high), e.g. ReLU6 = clip(x, 0, 6). */
  clip(x: string, low: number, high: number): string {
    const lowName = this.constantFloat('clip_min', [low], []);
    const highName = this.constantFloat('clip_max', [high], []);
    return this.op('Clip', [x, lowName, highName], {}, 'clip');
  }

  relu6(x: string): string {
    return this.clip(x, 0, 6);
  }

  sigmoid(x: string): string {
    return this.op('Sigmoid', [x], {}, 'sigmoid');
  }

  /** max(0, min(1, alpha·x + beta)); alpha 1/6 and beta 0.5 give relu6(x + 3) / 6. */
  hardSigmoid(x: string, alpha = 1 / 6, beta = 0.5): string {
    return this.op('HardSigmoid', [x], { alpha: attr.float(alpha), beta: attr.float(beta) }, 'hsigmoid');
  }

  /** x·relu6(x + 3)/6: the HardSwish operator from opset 14, before that x·HardSigmoid(x). */
  hardSwish(x: string): string {
    if (this.opsetVersion >= 14) return this.op('HardSwish', [x], {}, 'hswish');
    return this.mul(x, this.hardSigmoid(x));
  }

  globalAveragePool(x: string): string {
    return this.op('GlobalAveragePool', [x], {}, 'gap');
  }

  averagePool(x: string, options: PoolOptions): string {
    return this.op('AveragePool', [x], this.poolAttributes(options), 'avgpool');
  }

  maxPool(x: string, options: PoolOptions): string {
    return this.op('MaxPool', [x], this.poolAttributes(options), 'maxpool');
  }

  /** Mean over `axes`: an attribute up to opset 17, an input from opset 18. */
  reduceMean(x: string, axes: readonly number[], keepDims: boolean): string {
    if (this.opsetVersion >= 18) return this.op('ReduceMean', [x, this.constantInt64('axes', axes)], { keepdims: attr.int(keepDims ? 1 : 0) }, 'mean');
    return this.op('ReduceMean', [x], { axes: attr.ints(axes), keepdims: attr.int(keepDims ? 1 : 0) }, 'mean');
  }

  batchNormalization(x: string, scale: string, bias: string, mean: string, variance: string, epsilon: number): string {
    return this.op('BatchNormalization', [x, scale, bias, mean, variance], { epsilon: attr.float(epsilon) }, 'bn');
  }

  /** Normalises over the axes from `axis` to the last one (opset 17). */
  layerNormalization(x: string, scale: string, bias: string | undefined, axis: number, epsilon: number): string {
    if (this.opsetVersion < 17) {
      throw new CarveError('BAD_INPUT', 'LayerNormalization needs opset 17', { field: 'opsetVersion', hint: 'build the graph with opsetVersion 17' });
    }
    const inputs = bias === undefined ? [x, scale] : [x, scale, bias];
    return this.op('LayerNormalization', inputs, { axis: attr.int(axis), epsilon: attr.float(epsilon) }, 'layernorm');
  }

  /** Reshape to a fixed target (0 keeps a dimension, -1 infers one). */
  reshape(x: string, shape: readonly number[]): string {
    return this.op('Reshape', [x, this.constantInt64('shape', shape)], {}, 'reshape');
  }

  flatten(x: string, axis = 1): string {
    return this.op('Flatten', [x], { axis: attr.int(axis) }, 'flatten');
  }

  /** The exact (erf) GELU, x·Φ(x), as one operator (opset 20): it counts no MACs, like PyTorch's aten::gelu. */
  gelu(x: string): string {
    if (this.opsetVersion < 20) {
      throw new CarveError('BAD_INPUT', 'Gelu needs opset 20', { field: 'opsetVersion', hint: 'build the graph with opsetVersion 20' });
    }
    return this.op('Gelu', [x], {}, 'gelu');
  }

  softmax(x: string, axis = -1): string {
    return this.op('Softmax', [x], { axis: attr.int(axis) }, 'softmax');
  }

  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm: attr.ints(perm) }, 'transpose');
  }

  concat(values: readonly string[], axis: number): string {
    return this.op('Concat', values, { axis: attr.int(axis) }, 'concat');
  }

  slice(x: string, starts: readonly number[], ends: readonly number[], axes: readonly number[], steps?: readonly number[]): string {
    const inputs = [x, this.constantInt64('starts', starts), this.constantInt64('ends', ends), this.constantInt64('axes', axes)];
    if (steps !== undefined) inputs.push(this.constantInt64('steps', steps));
    return this.op('Slice', inputs, {}, 'slice');
  }

  gather(data: string, indices: string, axis = 0): string {
    return this.op('Gather', [data, indices], { axis: attr.int(axis) }, 'gather');
  }

  /** Broadcasts `x` to `shape` (numpy rules; a 1 in `shape` keeps the input's dimension). */
  expand(x: string, shape: readonly number[]): string {
    return this.op('Expand', [x, this.constantInt64('shape', shape)], {}, 'expand');
  }

  unsqueeze(x: string, axes: readonly number[]): string {
    return this.op('Unsqueeze', [x, this.constantInt64('axes', axes)], {}, 'unsqueeze');
  }

  squeeze(x: string, axes: readonly number[]): string {
    return this.op('Squeeze', [x, this.constantInt64('axes', axes)], {}, 'squeeze');
  }

  /** The finished model; output shapes not given are inferred when every input dimension is a number. */
  build(): ModelSpec {
    if (this.outputs.length === 0) {
      throw badInput('outputs', `graph "${this.graphName}" has no outputs`, 'mark the result with builder.output(name)');
    }
    const graphWithoutShapes = {
      name: this.graphName,
      inputs: this.inputs,
      outputs: this.outputs.map((output) => ({ name: output.name, dataType: 'float32' as const, shape: output.shape ?? [] })),
      initializers: this.initializers,
      nodes: this.nodes,
    };
    const needsInference = this.outputs.some((output) => output.shape === undefined);
    const shapes = needsInference && this.inputs.every((input) => input.shape.every((dim) => typeof dim === 'number'))
      ? inferShapes(graphWithoutShapes, this.opsetVersion)
      : undefined;
    const outputs: ValueInfoSpec[] = this.outputs.map((output) => ({
      name: output.name,
      dataType: 'float32',
      shape: output.shape ?? shapes?.get(output.name) ?? [],
    }));
    return {
      graph: { ...graphWithoutShapes, outputs },
      opsetVersion: this.opsetVersion,
      irVersion: irVersionFor(this.opsetVersion),
      producerName: this.producerName,
    };
  }

  private poolAttributes(options: PoolOptions): Record<string, AttributeValue> {
    const attributes: Record<string, AttributeValue> = { kernel_shape: attr.ints(options.kernelShape) };
    if (options.strides !== undefined) attributes['strides'] = attr.ints(options.strides);
    if (options.pads !== undefined) attributes['pads'] = attr.ints(options.pads);
    if (options.ceilMode === true) attributes['ceil_mode'] = attr.int(1);
    return attributes;
  }
}
