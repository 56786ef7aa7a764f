// The two MAC-counting conventions, defined once over a breakdown by operation kind.
//
// conv-linear: multiply-accumulates of convolutions and of linear layers (a product with a weight matrix),
//   biases excluded. This is what DyNAS-T's logs report (fvcore with batch norm removed).
// torchprofile: what torchprofile's profile_macs reports for the PyTorch module: conv-linear, plus products
//   of two activations (attention), plus 1 per output element of batch/layer norm, of elementwise multiplies
//   (h-swish is x·relu6(x+3)/6 in OFA, one multiply; SE scaling; a scalar scaling of attention queries) and
//   of means and average pools. ReLU, ReLU6, GELU, tanh, additions, divisions, max pools, softmax, embedding
//   lookups and reshapes count 0 (torchprofile has no handler that counts them).

import { badInput } from '../core/errors.js';
import { MACS_CONVENTIONS, type MacsConvention } from './types.js';

export interface MacBreakdown {
  /** Convolutions: output elements × input channels per group × kernel area. */
  readonly convMacs: number;
  /** Linear layers (Gemm, MatMul with a weight operand): rows × inputs × outputs. */
  readonly linearMacs: number;
  /** Products of two activations (MatMul without a weight operand), e.g. attention scores. */
  readonly matmulMacs: number;
  /** Output elements of batch and layer normalisation. */
  readonly normElements: number;
  /** Output elements of elementwise multiplies (Mul, HardSwish). */
  readonly mulElements: number;
  /** Output elements of means and average pools. */
  readonly poolElements: number;
}

export const EMPTY_BREAKDOWN: MacBreakdown = {
  convMacs: 0,
  linearMacs: 0,
  matmulMacs: 0,
  normElements: 0,
  mulElements: 0,
  poolElements: 0,
};

export function macsOf(breakdown: MacBreakdown, convention: MacsConvention): number {
  const convLinear = breakdown.convMacs + breakdown.linearMacs;
  if (convention === 'conv-linear') return convLinear;
  return convLinear + breakdown.matmulMacs + breakdown.normElements + breakdown.mulElements + breakdown.poolElements;
}

export function isMacsConvention(value: unknown): value is MacsConvention {
  return typeof value === 'string' && (MACS_CONVENTIONS as readonly string[]).includes(value);
}

/** Checks a user-given convention name; BAD_INPUT naming `field` otherwise. */
export function parseMacsConvention(value: unknown, field = 'convention'): MacsConvention {
  if (isMacsConvention(value)) return value;
  throw badInput(field, `unknown MACs convention ${JSON.stringify(value)}`, `use one of ${MACS_CONVENTIONS.join(', ')}`);
}
