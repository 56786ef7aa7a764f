// Sequential minimal optimisation for the epsilon-SVR dual, on a precomputed kernel matrix.
//
// The dual is written over 2n variables beta = (alpha, alpha*) with signs z = (+1 .. , -1 ..):
//   minimise 1/2 beta^T Q beta + p^T beta,  Q_st = z_s z_t K(s, t),  p = (epsilon - y, epsilon + y),
//   subject to z^T beta = 0 and 0 <= beta <= C.
// Each step moves the pair chosen by second-order working-set selection (Fan, Chen and Lin, 2005) along the one
// direction that keeps z^T beta fixed, and stops when the maximal KKT violation is below the tolerance.

export interface SmoSettings {
  readonly cost: number;
  readonly epsilon: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

export interface SmoSolution {
  /** alpha_i - alpha*_i per training row: the weight of row i in f(x) = sum_i coefficient_i K(x_i, x) + bias. */
  readonly coefficients: Float64Array;
  readonly bias: number;
  readonly iterations: number;
  /** False when maxIterations stopped the solver before the tolerance was met. */
  readonly converged: boolean;
}

/** Curvature used when a pair has none (duplicate rows): a tiny positive number, as in LIBSVM. */
const FLAT_CURVATURE = 1e-12;

/** Solves the epsilon-SVR dual for `kernel` (n x n, row-major, symmetric) and `targets`. */
export function solveEpsilonSvr(kernel: Float64Array, targets: Float64Array, settings: SmoSettings): SmoSolution {
  const n = targets.length;
  const total = 2 * n;
  const { cost, epsilon, tolerance, maxIterations } = settings;
  const beta = new Float64Array(total);
  const gradient = new Float64Array(total);
  for (let row = 0; row < n; row += 1) {
    gradient[row] = epsilon - (targets[row] as number);
    gradient[row + n] = epsilon + (targets[row] as number);
  }

  // Rows' own kernel values, read once per candidate pair below.
  const diagonal = new Float64Array(n);
  for (let row = 0; row < n; row += 1) diagonal[row] = kernel[row * n + row] as number;

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    // i: the variable that can move up (in z-direction) with the largest -z G. The alphas (t < n, z = +1) are
    // scanned before the alpha*s (t >= n, z = -1), so ties go to the lowest t as in one pass over all 2n.
    let upMax = Number.NEGATIVE_INFINITY;
    let first = -1;
    for (let t = 0; t < n; t += 1) {
      if ((beta[t] as number) < cost) {
        const violation = -(gradient[t] as number);
        if (violation > upMax) {
          upMax = violation;
          first = t;
        }
      }
    }
    for (let t = n; t < total; t += 1) {
      if ((beta[t] as number) > 0) {
        const violation = gradient[t] as number;
        if (violation > upMax) {
          upMax = violation;
          first = t;
        }
      }
    }
    if (first < 0) {
      converged = true;
      break;
    }
    const firstRow = first < n ? first : first - n;
    const kernelFirst = firstRow * n;
    const firstDiagonal = diagonal[firstRow] as number;

    // j: among variables that can move down, the one with the largest second-order decrease.
    let lowMin = Number.POSITIVE_INFINITY;
    let second = -1;
    let bestDecrease = Number.POSITIVE_INFINITY;
    for (let t = 0; t < total; t += 1) {
      const positive = t < n;
      const row = positive ? t : t - n;
      if (positive ? (beta[t] as number) > 0 : (beta[t] as number) < cost) {
        const violation = positive ? -(gradient[t] as number) : (gradient[t] as number);
        if (violation < lowMin) lowMin = violation;
        const slope = upMax - violation;
        if (slope > 0) {
          let curvature = firstDiagonal + (diagonal[row] as number) - 2 * (kernel[kernelFirst + row] as number);
          if (curvature <= 0) curvature = FLAT_CURVATURE;
          const decrease = -(slope * slope) / curvature;
          if (decrease < bestDecrease) {
            bestDecrease = decrease;
            second = t;
          }
        }
      }
    }
    if (upMax - lowMin < tolerance || second < 0) {
      converged = true;
      break;
    }
    iterations += 1;

    const secondRow = second < n ? second : second - n;
    let curvature = firstDiagonal + (diagonal[secondRow] as number) - 2 * (kernel[kernelFirst + secondRow] as number);
    if (curvature <= 0) curvature = FLAT_CURVATURE;
    const slope = upMax - (second < n ? -(gradient[second] as number) : (gradient[second] as number));
    // Step t >= 0: beta_first += z_first t, beta_second -= z_second t; each stays inside [0, C].
    const firstRoom = first < n ? cost - (beta[first] as number) : (beta[first] as number);
    const secondRoom = second < n ? (beta[second] as number) : cost - (beta[second] as number);
    const step = Math.min(slope / curvature, firstRoom, secondRoom);

    if (first < n) beta[first] = step === firstRoom ? cost : (beta[first] as number) + step;
    else beta[first] = step === firstRoom ? 0 : (beta[first] as number) - step;
    if (second < n) beta[second] = step === secondRoom ? 0 : (beta[second] as number) - step;
    else beta[second] = step === secondRoom ? cost : (beta[second] as number) + step;

    // G_k changes by z_k * step * (K(k, first) - K(k, second)).
    const kernelSecond = secondRow * n;
    for (let row = 0; row < n; row += 1) {
      const change = step * ((kernel[kernelFirst + row] as number) - (kernel[kernelSecond + row] as number));
      gradient[row] = (gradient[row] as number) + change;
      gradient[row + n] = (gradient[row + n] as number) - change;
    }
  }

  // Bias: -z G is equal to it on every free variable; with none free, the middle of the feasible interval.
  let freeSum = 0;
  let freeCount = 0;
  let upper = Number.POSITIVE_INFINITY;
  let lower = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < total; t += 1) {
    const positive = t < n;
    const value = beta[t] as number;
    const violation = positive ? -(gradient[t] as number) : (gradient[t] as number);
    if (value > 0 && value < cost) {
      freeSum += violation;
      freeCount += 1;
    }
    if (positive ? value < cost : value > 0) lower = Math.max(lower, violation);
    if (positive ? value > 0 : value < cost) upper = Math.min(upper, violation);
  }
  let bias: number;
  if (freeCount > 0) bias = freeSum / freeCount;
  else if (Number.isFinite(lower) && Number.isFinite(upper)) bias = (lower + upper) / 2;
  else bias = Number.isFinite(lower) ? lower : Number.isFinite(upper) ? upper : 0;

  const coefficients = new Float64Array(n);
  for (let row = 0; row < n; row += 1) coefficients[row] = (beta[row] as number) - (beta[row + n] as number);
  return { coefficients, bias, iterations, converged };
}
