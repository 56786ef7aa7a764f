// Composition root for a study over a super-network: exact costs, latency on this machine, and an optional
// external evaluator (a user's process or HTTP server) for accuracy or anything else it declares.

import { CarveError, badInput } from '../core/errors.js';
import { parseConstraint, type ObjectiveSpec } from '../core/objective.js';
import { AnalyticCostEvaluator } from '../evaluators/analytic/index.js';
import { HttpEvaluator, ProcessEvaluator, type ExternalLogEntry } from '../evaluators/external/index.js';
import { OnnxLatencyEvaluator } from '../evaluators/onnx-latency/index.js';
import type { Evaluator } from '../evaluators/types.js';
import { getSupernet, supernetFeatures, type MacsConvention, type Supernet } from '../supernets/index.js';
import { FASHION_OFA_ID, FashionOfaAccuracyEvaluator } from '../supernets/fashion-ofa/index.js';
import type { StudyEnvironment, StudySettings } from '../study/index.js';
import { tacticFactory } from '../tactics/index.js';
import type { SearchRequestBase } from './search-request.js';

export interface SupernetSearchRequest extends SearchRequestBase {
  readonly supernet: string;
  readonly objectives: readonly string[];
  readonly macsConvention?: MacsConvention;
  readonly latency?: { readonly batchSize?: number; readonly threads?: number; readonly repeats?: number };
  /** argv of a long-lived evaluator process speaking carve's JSON-lines protocol. */
  readonly evaluatorCommand?: readonly string[];
  /** Base URL of an evaluator speaking the protocol over HTTP. */
  readonly evaluatorUrl?: string;
  readonly onEvaluatorLog?: (entry: ExternalLogEntry) => void;
}

export interface SupernetStudyParts {
  readonly supernet: Supernet;
  readonly settings: StudySettings;
  readonly environment: StudyEnvironment;
  /** Closes the evaluators that hold processes or sessions. */
  close(): Promise<void>;
}

const BUILT_IN_OBJECTIVES: readonly ObjectiveSpec[] = [
  { name: 'macs', direction: 'minimize', unit: 'MACs', cost: 0 },
  { name: 'params', direction: 'minimize', unit: 'parameters', cost: 0 },
  { name: 'latency_ms', direction: 'minimize', unit: 'ms', cost: 0.01 },
];

export async function buildSupernetStudy(request: SupernetSearchRequest): Promise<SupernetStudyParts> {
  const supernet = getSupernet(request.supernet);
  if (request.evaluatorCommand !== undefined && request.evaluatorUrl !== undefined) {
    throw badInput('--evaluator-cmd', 'both --evaluator-cmd and --evaluator-url were given', 'use one of them');
  }
  const createTactic = tacticFactory(request.tactic);
  const evaluators: Evaluator[] = [];
  const closers: (() => Promise<void>)[] = [];
  const available: ObjectiveSpec[] = [...BUILT_IN_OBJECTIVES];
  try {
    let external: ProcessEvaluator | HttpEvaluator | undefined;
    if (request.evaluatorCommand !== undefined) {
      external = await ProcessEvaluator.start({
        command: [...request.evaluatorCommand],
        ...(request.onEvaluatorLog === undefined ? {} : { onLog: request.onEvaluatorLog }),
      });
    } else if (request.evaluatorUrl !== undefined) {
      external = await HttpEvaluator.start({ url: request.evaluatorUrl });
    }
    // fashion-ofa ships its trained weights and reads its held-out images from Debian's dataset-fashion-mnist
    // (or $FASHION_MNIST_DIR): carve measures its accuracy itself (ONNX Runtime on the extracted sub-network)
    // unless an external evaluator is given.
    let builtInAccuracy: FashionOfaAccuracyEvaluator | undefined;
    if (external === undefined && supernet.id === FASHION_OFA_ID && request.objectives.includes('accuracy')) {
      builtInAccuracy = new FashionOfaAccuracyEvaluator();
      available.push({ name: 'accuracy', direction: 'maximize', unit: '%', cost: 1 });
    }
    if (external !== undefined) {
      const handle = external;
      closers.push(() => handle.close());
      for (const declared of external.declaredObjectives) {
        if (available.some((objective) => objective.name === declared.name)) {
          throw new CarveError('BAD_INPUT', `the evaluator declares "${declared.name}", which carve computes itself`, {
            field: '--evaluator-cmd',
            hint: 'rename the objective in the evaluator (e.g. measured_latency_ms)',
          });
        }
        available.push({ name: declared.name, direction: declared.direction, unit: declared.unit, cost: 1 });
      }
    }
    const objectives: ObjectiveSpec[] = request.objectives.map((name) => {
      const objective = available.find((candidate) => candidate.name === name);
      if (objective === undefined) {
        throw badInput('--objectives', `no evaluator provides "${name}" for ${supernet.id}`, `available: ${available.map((o) => o.name).join(', ')}${external === undefined ? ' (accuracy needs --evaluator-cmd or --evaluator-url)' : ''}`);
      }
      return { ...objective };
    });
    if (objectives.length < 2) throw badInput('--objectives', 'a Pareto search needs at least two objectives', 'e.g. --objectives macs,latency_ms');
    (request.constraints ?? []).forEach((text, index) => {
      const { name, bound } = parseConstraint(text, `--constraint[${index}]`);
      const at = objectives.findIndex((objective) => objective.name === name);
      if (at < 0) throw badInput(`--constraint[${index}]`, `"${name}" is not one of the study's objectives`, `bound one of: ${objectives.map((o) => o.name).join(', ')}`);
      objectives[at] = { ...(objectives[at] as ObjectiveSpec), bound };
    });
    const names = new Set(objectives.map((objective) => objective.name));
    if (names.has('macs') || names.has('params')) {
      evaluators.push(new AnalyticCostEvaluator({ supernet, ...(request.macsConvention === undefined ? {} : { convention: request.macsConvention }) }));
    }
    if (names.has('latency_ms')) {
      const latency = new OnnxLatencyEvaluator({
        supernet,
        ...(request.latency?.batchSize === undefined ? {} : { batchSize: request.latency.batchSize }),
        ...(request.latency?.threads === undefined ? {} : { threads: request.latency.threads }),
        ...(request.latency?.repeats === undefined ? {} : { repeats: request.latency.repeats }),
      });
      evaluators.push(latency);
      closers.push(async () => latency.close?.());
    }
    if (external !== undefined && external.declaredObjectives.some((declared) => names.has(declared.name))) evaluators.push(external);
    if (builtInAccuracy !== undefined) evaluators.unshift(builtInAccuracy);
    const settings: StudySettings = {
      formatVersion: 1,
      problem: null,
      supernet: supernet.id,
      objectives,
      tactic: request.tactic,
      tacticOptions: request.tacticOptions ?? {},
      seed: request.seed,
      populationSize: request.populationSize,
      budget: request.budget,
    };
    return {
      supernet,
      settings,
      // The one-hot of active genes, with the exact ln(parameters) as zero-cost proxy for tactics that use one.
      environment: { space: supernet.space, codec: supernet.codec, evaluators, createTactic, features: supernetFeatures(supernet) },
      close: async () => {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
