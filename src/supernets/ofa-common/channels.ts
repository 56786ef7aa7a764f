// OFA's channel arithmetic: make_divisible (TensorFlow's rule) and Python's round, reproduced exactly.

/**
 * Nearest multiple of `divisor` to `value` (ties upward), at least `minValue`, and never more than 10% below
 * `value`. The same integer steps as OFA's make_divisible, so channel counts match the PyTorch modules.
 */
export function makeDivisible(value: number, divisor = 8, minValue = divisor): number {
  let rounded = Math.max(minValue, Math.floor(Math.floor(value + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * value) rounded += divisor;
  return rounded;
}

/** Python 3's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Output size of a square convolution or pooling window with symmetric padding (floor mode). */
export function convOutputSize(inputSize: number, kernel: number, stride: number, padding = Math.floor(kernel / 2)): number {
  return Math.floor((inputSize + 2 * padding - kernel) / stride) + 1;
}
