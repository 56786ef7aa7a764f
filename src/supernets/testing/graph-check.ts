// Test helper: a supernet's ONNX graph must count exactly like its analytic costs, in both conventions.

import { countGraphMacs, countGraphParams } from '../../onnx/count-graph.js';
import { parseModel } from '../../onnx/serialize.js';
import type { Genome } from '../../space/types.js';
import type { Supernet } from '../types.js';

export interface GraphCountComparison {
  readonly graph: { convLinear: number; torchprofile: number; params: number };
  readonly analytic: { convLinear: number; torchprofile: number; params: number };
  readonly inputShape: readonly (number | string)[];
  readonly outputShape: readonly (number | string)[];
}

/** Builds the graph at `batchSize` and returns graph counts next to analytic costs scaled by the batch size. */
export function compareGraphWithCosts(supernet: Supernet, genome: Genome, batchSize: number): GraphCountComparison {
  if (supernet.buildOnnx === undefined) throw new Error(`${supernet.id} has no ONNX builder`);
  const bytes = supernet.buildOnnx(genome, { batchSize, seed: 1 });
  const model = parseModel(bytes);
  return {
    graph: {
      convLinear: countGraphMacs(model, 'conv-linear'),
      torchprofile: countGraphMacs(model, 'torchprofile'),
      params: countGraphParams(model),
    },
    analytic: {
      convLinear: supernet.costs(genome, 'conv-linear').macs * batchSize,
      torchprofile: supernet.costs(genome, 'torchprofile').macs * batchSize,
      params: supernet.costs(genome, 'conv-linear').params,
    },
    inputShape: model.graph.inputs[0]?.shape ?? [],
    outputShape: model.graph.outputs[0]?.shape ?? [],
  };
}
