// Plain data types of an ONNX model as carve builds and reads it: graphs, nodes, attributes, tensors.

export type TensorDataType = 'float32' | 'int64';

/**
 * What an initializer is for, so counts stay right without guessing from names: `parameter` is a trained
 * weight (counted as a parameter), `buffer` is running state such as batch-norm statistics (not counted),
 * `constant` is a fixed operand such as a reshape target or clip bound (not counted).
 */
export type InitializerRole = 'parameter' | 'buffer' | 'constant';

export interface TensorSpec {
  readonly name: string;
  readonly dataType: TensorDataType;
  readonly dims: readonly number[];
  /** Float32Array for float32, BigInt64Array for int64; length = product of dims. */
  readonly data: Float32Array | BigInt64Array;
  readonly role: InitializerRole;
}

export type AttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'floats'; readonly value: readonly number[] }
  | { readonly kind: 'string'; readonly value: string };

export interface NodeSpec {
  readonly name: string;
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

/** A graph input or output: name, element type and shape (a string names a symbolic dimension). */
export interface ValueInfoSpec {
  readonly name: string;
  readonly dataType: TensorDataType;
  readonly shape: readonly (number | string)[];
}

export interface GraphSpec {
  readonly name: string;
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  readonly initializers: readonly TensorSpec[];
  readonly nodes: readonly NodeSpec[];
}

export interface ModelSpec {
  readonly graph: GraphSpec;
  readonly opsetVersion: number;
  readonly irVersion: number;
  readonly producerName: string;
}

/** Which operations a MAC count includes; see count-macs.ts for the exact rules. */
export type MacsConvention = 'conv-linear' | 'torchprofile';

export const MACS_CONVENTIONS: readonly MacsConvention[] = ['conv-linear', 'torchprofile'];

/** Attribute constructors, so call sites read `ints([1, 1])` rather than object literals. */
export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  ints: (value: readonly number[]): AttributeValue => ({ kind: 'ints', value: [...value] }),
  floats: (value: readonly number[]): AttributeValue => ({ kind: 'floats', value: [...value] }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
} as const;
