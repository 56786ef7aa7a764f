// Small dense linear algebra on row-major Float64Arrays: Cholesky, triangular solves, symmetric eigendecomposition.

import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Overwrites the lower triangle of the symmetric `size` x `size` matrix with its Cholesky factor L (A = L L^T)
 * and zeroes the upper triangle. Returns false, leaving the matrix partly overwritten, when A is not positive
 * definite. Row-major with dot products of rows: both operands are contiguous in memory.
 */
export function choleskyInPlace(matrix: Float64Array, size: number): boolean {
  for (let j = 0; j < size; j += 1) {
    const rowJ = j * size;
    let diagonal = matrix[rowJ + j] as number;
    for (let k = 0; k < j; k += 1) {
      const value = matrix[rowJ + k] as number;
      diagonal -= value * value;
    }
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    matrix[rowJ + j] = pivot;
    const inversePivot = 1 / pivot;
    for (let i = j + 1; i < size; i += 1) {
      const rowI = i * size;
      let sum = matrix[rowI + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (matrix[rowI + k] as number) * (matrix[rowJ + k] as number);
      matrix[rowI + j] = sum * inversePivot;
    }
  }
  for (let i = 0; i < size; i += 1) {
    for (let j = i + 1; j < size; j += 1) matrix[i * size + j] = 0;
  }
  return true;
}

/** Solves L x = b in place (b becomes x) for a lower-triangular row-major L. */
export function solveLowerInPlace(lower: Float64Array, size: number, vector: Float64Array): void {
  for (let i = 0; i < size; i += 1) {
    const row = i * size;
    let sum = vector[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (lower[row + k] as number) * (vector[k] as number);
    vector[i] = sum / (lower[row + i] as number);
  }
}

/** Solves L^T x = b in place for a lower-triangular row-major L. */
export function solveLowerTransposedInPlace(lower: Float64Array, size: number, vector: Float64Array): void {
  for (let i = size - 1; i >= 0; i -= 1) {
    const value = (vector[i] as number) / (lower[i * size + i] as number);
    vector[i] = value;
    // Column i of L^T below the diagonal is row i of L left of the diagonal.
    const row = i * size;
    for (let k = 0; k < i; k += 1) vector[k] = (vector[k] as number) - (lower[row + k] as number) * value;
  }
}

/** Eigenvalues (ascending) and unit eigenvectors of a symmetric row-major matrix; vector k is column k of `vectors`. */
export function symmetricEigen(matrix: Float64Array, size: number): { readonly values: Float64Array; readonly vectors: Float64Array } {
  const rows: number[][] = [];
  for (let i = 0; i < size; i += 1) rows.push(Array.from(matrix.subarray(i * size, (i + 1) * size)));
  const decomposition = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = Float64Array.from(decomposition.realEigenvalues);
  const eigenvectors = decomposition.eigenvectorMatrix;
  const vectors = new Float64Array(size * size);
  for (let i = 0; i < size; i += 1) {
    for (let k = 0; k < size; k += 1) vectors[i * size + k] = eigenvectors.get(i, k);
  }
  return { values, vectors };
}
