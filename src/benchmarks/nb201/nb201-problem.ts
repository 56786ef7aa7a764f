// The `nb201/<dataset>/<device>` problems: the whole NB201 space, test error against measured latency.

import { badInput } from '../../core/errors.js';
import type { ObjectiveSpec } from '../../core/objective.js';
import { TableEvaluator } from '../../evaluators/table/index.js';
import type { Evaluator } from '../../evaluators/types.js';
import type { Genome } from '../../space/index.js';
import type { Problem, ProblemReference } from '../problem.js';
import { computeReference } from '../reference.js';
import { opIndicesToArchStr } from './nb201-arch.js';
import { nb201CellEncoder, nb201CostEncoder } from './nb201-features.js';
import { nb201Codec, nb201Space } from './nb201-space.js';
import { NB201_TABLE_ID, type Nb201Table } from './nb201-table.js';

/** Objectives of every NB201 problem, in this order. */
export const NB201_OBJECTIVES: readonly ObjectiveSpec[] = Object.freeze([
  { name: 'error', direction: 'minimize', unit: '%' },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms' },
]);

const DATASET_TITLES: Readonly<Record<string, string>> = {
  cifar10: 'CIFAR-10',
  cifar100: 'CIFAR-100',
  imagenet16_120: 'ImageNet16-120',
};

export interface Nb201Problem extends Problem {
  readonly dataset: string;
  readonly device: string;
  readonly table: Nb201Table;
  readonly reference: ProblemReference;
  /** Table row of a genome (row number = NB201 index), undefined when the genome is not in the table. */
  rowOf(genome: Genome): number | undefined;
  /** Raw [error, latency_ms] of a table row. */
  rawValuesOfRow(row: number): [number, number];
}

/** The problem id of a dataset and a device. */
export function nb201ProblemId(dataset: string, device: string): string {
  return `nb201/${dataset}/${device}`;
}

/** Builds one NB201 problem over a loaded table; BAD_INPUT (field `--problem`) for an unknown dataset or device. */
export function createNb201Problem(table: Nb201Table, dataset: string, device: string): Nb201Problem {
  const accuracy = table.testAccuracy(dataset);
  if (accuracy === undefined) {
    throw badInput('--problem', `unknown dataset "${dataset}"`, `choose one of ${table.datasets.join(', ')}`);
  }
  const latencyMs = table.latencyMs(device);
  if (latencyMs === undefined) {
    throw badInput('--problem', `unknown device "${device}"`, `choose one of ${table.devices.join(', ')}`);
  }

  const space = nb201Space();
  const error = new Float64Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row += 1) error[row] = 100 - (accuracy[row] as number);

  const keyOfRow = (row: number): string => space.key(table.opIndicesOfRow(row));
  const reference = computeReference({
    objectives: NB201_OBJECTIVES,
    columns: [error, latencyMs],
    keyOfRow,
    nativeId: (key) => opIndicesToArchStr(space.fromKey(key)),
  });

  const rowOf = (genome: Genome): number | undefined => table.rowOfOpIndices(genome);
  const rawValuesOfRow = (row: number): [number, number] => [error[row] as number, latencyMs[row] as number];
  const evaluatorId = `table:${NB201_TABLE_ID}/${dataset}/${device}`;
  const datasetTitle = DATASET_TITLES[dataset] ?? dataset;

  return {
    id: nb201ProblemId(dataset, device),
    title: `NAS-Bench-201, ${datasetTitle}, latency on ${device}`,
    description:
      `The whole NAS-Bench-201 space (${table.rowCount} cells): minimise ${datasetTitle} test error (%) ` +
      `and measured latency on ${device} (ms). True front: ${reference.trueFront.length} rows.`,
    space,
    codec: nb201Codec,
    objectives: NB201_OBJECTIVES,
    cheapObjectives: ['latency_ms'],
    features: nb201CellEncoder(),
    costFeatures: nb201CostEncoder(),
    dataset,
    device,
    table,
    reference,
    rowOf,
    rawValuesOfRow,
    createEvaluator: (): Evaluator =>
      new TableEvaluator({
        id: evaluatorId,
        provides: NB201_OBJECTIVES.map((objective) => objective.name),
        lookup: (candidate) => {
          const row = rowOf(candidate.genome);
          if (row === undefined) return undefined;
          const [errorValue, latencyValue] = rawValuesOfRow(row);
          return { error: errorValue, latency_ms: latencyValue };
        },
      }),
  };
}
