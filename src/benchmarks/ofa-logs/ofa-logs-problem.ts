// The `ofa-mbv3-logs` problems: the distinct OFA MobileNetV3 sub-networks DyNAS-T measured, as a finite pool.

import { badInput } from '../../core/errors.js';
import type { ObjectiveSpec } from '../../core/objective.js';
import { supernetFeatures, type Supernet } from '../../supernets/index.js';
import { createTableProblem, type MeasuredRow, type TableProblem } from '../table-problem.js';
import { ofaNativeId } from './ofa-logs-native-id.js';
import { OFA_LOGS_TABLE_ID, type OfaLogsTable } from './ofa-logs-table.js';

/** The super-network the logs were measured on. */
export const OFA_LOGS_SUPERNET_ID = 'ofa-mbv3-w1.0';

const TOP1: ObjectiveSpec = { name: 'top1', direction: 'maximize', unit: '%' };
const MACS: ObjectiveSpec = { name: 'macs', direction: 'minimize', unit: 'MACs' };
const PARAMS: ObjectiveSpec = { name: 'params', direction: 'minimize', unit: 'params' };

/** Problem variants: the id suffix after `ofa-mbv3-logs` and its objectives. */
const VARIANTS: Readonly<Record<string, readonly ObjectiveSpec[]>> = {
  '': [TOP1, MACS],
  params: [TOP1, MACS, PARAMS],
};

export interface OfaLogsProblem extends TableProblem {
  readonly logs: OfaLogsTable;
  readonly supernet: Supernet;
}

/** `variant` '' gives top-1 vs MACs, 'params' adds the parameter count as a third objective. */
export function createOfaLogsProblem(logs: OfaLogsTable, supernet: Supernet, variant = ''): OfaLogsProblem {
  const objectives = VARIANTS[variant];
  if (objectives === undefined) {
    throw badInput('--problem', `unknown ofa-mbv3-logs variant "${variant}"`, 'use ofa-mbv3-logs (top-1 vs MACs) or ofa-mbv3-logs/params (top-1 vs MACs vs params)');
  }
  const rows: MeasuredRow[] = logs.networks.map((network) => ({
    genome: network.genome,
    key: network.key,
    values: objectives.map((objective) => (objective === TOP1 ? network.top1 : objective === MACS ? network.macs : network.params)),
    nativeId: ofaNativeId(supernet, network.genome),
  }));
  const id = variant === '' ? 'ofa-mbv3-logs' : `ofa-mbv3-logs/${variant}`;
  const names = objectives.map((objective) => objective.name).join(' vs ');
  const problem = createTableProblem({
    id,
    title: `OFA MobileNetV3 w1.0 (DyNAS-T logs), ${names}`,
    description:
      `The ${logs.networks.length} distinct OFA MobileNetV3 w1.0 sub-networks of ${logs.rows.length} logged DyNAS-T evaluations ` +
      `(${logs.files.length} files) as a pool: maximise ImageNet top-1 (%, mean of repeated evaluations), minimise MACs` +
      `${objectives.includes(PARAMS) ? ' and parameters' : ''}.`,
    space: supernet.space,
    codec: supernet.codec,
    objectives: Object.freeze([...objectives]),
    evaluatorId: `table:${OFA_LOGS_TABLE_ID}/${objectives.map((objective) => objective.name).join('-')}`,
    rows,
    asPool: true,
  });
  // The one-hot of active genes with the sub-network's exact ln(parameters) as zero-cost proxy of its top-1.
  return { ...problem, logs, supernet, features: supernetFeatures(supernet) };
}
