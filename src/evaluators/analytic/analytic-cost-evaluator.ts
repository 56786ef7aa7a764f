// An evaluator giving exact MACs and parameters from a super-network's analytic cost model (no device, no noise).

import { badInput } from '../../core/errors.js';
import { parseMacsConvention } from '../../onnx/macs-convention.js';
import type { MacsConvention } from '../../onnx/types.js';
import type { Supernet } from '../../supernets/types.js';
import type { Candidate, EvaluationResult, Evaluator, SyncCandidate } from '../types.js';

/** Bumped whenever a cost formula changes, so stored values computed by older formulas are not reused. */
export const ANALYTIC_EVALUATOR_VERSION = 1;

export interface AnalyticCostEvaluatorOptions {
  readonly supernet: Supernet;
  /** Default 'conv-linear' (DyNAS-T's convention). */
  readonly convention?: MacsConvention;
  /** Objective names, default `macs` and `params`. */
  readonly macsObjective?: string;
  readonly paramsObjective?: string;
}

export class AnalyticCostEvaluator implements Evaluator {
  readonly id: string;
  readonly provides: readonly string[];
  readonly convention: MacsConvention;
  private readonly supernet: Supernet;
  private readonly macsObjective: string;
  private readonly paramsObjective: string;

  constructor(options: AnalyticCostEvaluatorOptions) {
    this.supernet = options.supernet;
    this.convention = parseMacsConvention(options.convention ?? 'conv-linear', 'convention');
    this.macsObjective = options.macsObjective ?? 'macs';
    this.paramsObjective = options.paramsObjective ?? 'params';
    if (this.macsObjective === this.paramsObjective) {
      throw badInput('paramsObjective', `both objectives are named "${this.macsObjective}"`, 'give MACs and parameters different names');
    }
    this.provides = Object.freeze([this.macsObjective, this.paramsObjective]);
    // The space name says whether resolution is a gene, so ids of fixed and elastic spaces differ.
    this.id = `analytic@${ANALYTIC_EVALUATOR_VERSION}:${this.supernet.space.name}:${this.convention}`;
  }

  async evaluate(candidates: readonly Candidate[]): Promise<EvaluationResult[]> {
    return candidates.map((candidate) => this.evaluateOne(candidate));
  }

  evaluateSync(candidates: readonly SyncCandidate[]): EvaluationResult[] {
    return candidates.map((candidate) => this.evaluateOne(candidate));
  }

  private evaluateOne(candidate: SyncCandidate): EvaluationResult {
    try {
      const costs = this.supernet.costs(candidate.genome, this.convention);
      return { ok: true, values: { [this.macsObjective]: costs.macs, [this.paramsObjective]: costs.params } };
    } catch (error) {
      // A genome outside the space is that candidate's failure, and retrying cannot fix it.
      return { ok: false, reason: `${this.id}: ${candidate.key}: ${error instanceof Error ? error.message : String(error)}`, retryable: false };
    }
  }
}
