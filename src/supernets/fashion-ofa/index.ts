// Public names of the fashion-ofa family: descriptor, space, costs, weights, ONNX graph and accuracy evaluator.

export {
  BLOCK_COUNT,
  DEPTH_CHOICES,
  EXPAND_CHOICES,
  FASHION_OFA_IMAGE_SIZE,
  KERNEL_CHOICES,
  fashionOfaPlan,
  type FashionOfaBlock,
  type FashionOfaConfig,
  type FashionOfaPlan,
} from './architecture.js';
export { createFashionOfaSpace, FASHION_OFA_ID, type FashionOfaSpace } from './space.js';
export { fashionOfaCosts } from './costs.js';
export { FashionOfaWeights, parseSafetensors, type WeightTensor } from './weights-file.js';
export {
  DEFAULT_FASHION_MNIST_DIR,
  defaultFashionOfaDirectory,
  FASHION_MNIST_APT_PACKAGE,
  FASHION_MNIST_DIR_ENV,
  fashionMnistDirectory,
  HELD_OUT_COUNT,
  loadHeldOut,
  parseIdx,
  type HeldOutSet,
  type IdxArray,
} from './held-out.js';
export { buildFashionOfaModel, buildFashionOfaOnnx, FASHION_OFA_INPUT, FASHION_OFA_OUTPUT } from './onnx-graph.js';
export {
  createFashionOfaSupernet,
  fashionOfaSupernet,
  FASHION_OFA_ENTRY,
  type FashionOfaSupernet,
  type FashionOfaSupernetOptions,
} from './supernet.js';
export {
  FashionOfaAccuracyEvaluator,
  FASHION_OFA_ACCURACY_VERSION,
  type FashionOfaAccuracyEvaluatorOptions,
} from './accuracy-evaluator.js';
