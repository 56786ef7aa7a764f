// Predictor features that know what an NB201 cell computes: an operation whose edge lies on no path from the
// cell's input to its output changes nothing in the network's output, so accuracy depends on the effective
// cell alone, while latency may still pay for the dead operation (most devices run it anyway).

import type { FeatureEncoder, Genome } from '../../space/index.js';
import { NB201_EDGE_COUNT, NB201_OPS } from './nb201-arch.js';

/** Source and target node of each edge e0..e5 (nodes 0 = input, 3 = output). */
const EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [0, 3],
  [1, 3],
  [2, 3],
];
const NONE = 0;
const OP_COUNT = NB201_OPS.length;

/** Per node: whether some path of operations leads from it to the cell's output. */
function feedsOutput(genome: Genome): boolean[] {
  const feeds = [false, false, false, true];
  for (let edge = NB201_EDGE_COUNT - 1; edge >= 0; edge -= 1) {
    const [from, to] = EDGES[edge] as readonly [number, number];
    if (genome[edge] !== NONE && feeds[to] === true) feeds[from] = true;
  }
  return feeds;
}

/**
 * The effective cell: every edge whose operation is not on an input-to-output path becomes 'none' (op 0).
 * A cell with no such path at all (a degenerate cell) becomes all 'none'.
 */
export function effectiveNb201Cell(genome: Genome): number[] {
  const reached = [true, false, false, false];
  EDGES.forEach(([from, to], edge) => {
    if (genome[edge] !== NONE && reached[from] === true) reached[to] = true;
  });
  const feeds = feedsOutput(genome);
  return EDGES.map(([from, to], edge) => {
    const op = genome[edge] as number;
    return op !== NONE && reached[from] === true && feeds[to] === true ? op : NONE;
  });
}

/**
 * Width 60: the one-hot of the cell as written (30 columns, what latency pays for) followed by the one-hot of
 * its effective cell (30 columns, what accuracy depends on).
 */
export function nb201CellEncoder(): FeatureEncoder {
  const half = NB201_EDGE_COUNT * OP_COUNT;
  return {
    kind: 'nb201-cell',
    width: 2 * half,
    encode(genome: Genome): Float64Array {
      const features = new Float64Array(2 * half);
      const effective = effectiveNb201Cell(genome);
      for (let edge = 0; edge < NB201_EDGE_COUNT; edge += 1) {
        features[edge * OP_COUNT + (genome[edge] as number)] = 1;
        features[half + edge * OP_COUNT + (effective[edge] as number)] = 1;
      }
      return features;
    },
    degenerate: isDegenerateNb201Cell,
    proxy: nb201SignalGain,
    functionKey: nb201FunctionKey,
  };
}

/**
 * Equal for cells that compute the same function: the effective cell, with the two intermediate nodes put in a
 * fixed order when no edge joins them (then node 1 and node 2 are interchangeable: the paths e0-e4 and e1-e5
 * swap). Different keys may still compute the same function (e.g. a skip into a node that is otherwise empty).
 */
export function nb201FunctionKey(genome: Genome): string {
  const cell = effectiveNb201Cell(genome);
  if (cell[2] === NONE) {
    const first = [cell[0] as number, cell[4] as number];
    const second = [cell[1] as number, cell[5] as number];
    if ((second[0] as number) < (first[0] as number) || (second[0] === first[0] && (second[1] as number) < (first[1] as number))) {
      [cell[0], cell[4], cell[1], cell[5]] = [second[0] as number, second[1] as number, first[0] as number, first[1] as number];
    }
  }
  return cell.join('');
}

/** Channels of the three stages of the NB201 network (5 cells each), as trained in NAS-Bench-201. */
const STAGE_CHANNELS = [16, 32, 64];
const CELLS_PER_STAGE = 5;
/** Per stage, the gain of each operation in NB201_OPS order: none, skip, conv1x1, conv3x3, avg_pool_3x3. */
const STAGE_GAINS = STAGE_CHANNELS.map((channels) => [0, 1, Math.sqrt(channels) / 2, Math.sqrt(9 * channels) / 2, 1]);
/** nb201SignalGain of a degenerate cell: below every working cell (whose gain is at least 1, a log of 0 or more). */
const DEGENERATE_GAIN = -1;

/**
 * A zero-cost proxy of an NB201 cell, computed in closed form: the natural log of the factor by which the
 * network's 15 cells scale a constant positive signal when every weight is replaced by its absolute value at
 * PyTorch's default initialisation, the quantity the SynFlow score (Tanaka et al., 2020) measures by
 * back-propagation. With all-ones input and positive weights every activation is positive, so ReLU and batch
 * normalisation at its initial statistics pass the signal through; a K x K convolution over C channels with
 * weights uniform in +-1/sqrt(C K^2) then multiplies it by C K^2 / (2 sqrt(C K^2)) = sqrt(C K^2) / 2 (away from
 * the borders), skip and 3x3 average pooling by 1, 'none' by 0. A cell multiplies it by the sum over its
 * input-to-output paths of the product of their gains, so operations on no such path count for nothing. The
 * stage-wide reduction blocks are the same for every cell and left out. Degenerate cells get -1.
 * On the 15,625 cells it orders like SynFlow computed with PyTorch (`scripts/nb201-synflow.py`).
 */
export function nb201SignalGain(genome: Genome): number {
  let total = 0;
  for (const gains of STAGE_GAINS) {
    const node = [1, 0, 0, 0];
    EDGES.forEach(([from, to], edge) => {
      node[to] = (node[to] as number) + (gains[genome[edge] as number] as number) * (node[from] as number);
    });
    const cell = node[3] as number;
    if (cell <= 0) return DEGENERATE_GAIN;
    total += CELLS_PER_STAGE * Math.log(cell);
  }
  return total;
}

/**
 * The executed cell: every edge into a node whose result nothing reads becomes 'none' (a device that prunes
 * unused results skips them; an operation on zeros from an unreachable node still runs).
 */
export function executedNb201Cell(genome: Genome): number[] {
  const feeds = feedsOutput(genome);
  return EDGES.map(([, to], edge) => (feeds[to] === true ? (genome[edge] as number) : NONE));
}

/**
 * Width 10: how many edges of the cell as written hold each operation (5 columns), then how many of the executed
 * cell (5 columns). Latency adds up over what runs: on every device of the NB201 latency table a linear model on
 * these ten numbers explains as much of the latency as one on the 30-column one-hot, or more where devices skip
 * unread results (pixel3, raspi4), and exactly all of it on eyeriss and fpga.
 */
export function nb201CostEncoder(): FeatureEncoder {
  return {
    kind: 'nb201-op-counts',
    width: 2 * OP_COUNT,
    encode(genome: Genome): Float64Array {
      const features = new Float64Array(2 * OP_COUNT);
      const executed = executedNb201Cell(genome);
      for (let edge = 0; edge < NB201_EDGE_COUNT; edge += 1) {
        features[genome[edge] as number] = (features[genome[edge] as number] as number) + 1;
        features[OP_COUNT + (executed[edge] as number)] = (features[OP_COUNT + (executed[edge] as number)] as number) + 1;
      }
      return features;
    },
  };
}

/** True when no path of operations leads from the cell's input to its output (the cell outputs zeros). */
export function isDegenerateNb201Cell(genome: Genome): boolean {
  return effectiveNb201Cell(genome).every((op) => op === NONE);
}
