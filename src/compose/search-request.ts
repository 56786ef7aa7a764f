// The settings every search request carries, whatever it searches (a problem, a super-network, a stored recipe).

export interface SearchRequestBase {
  /** Hard bounds such as `latency_ms<=20`. */
  readonly constraints?: readonly string[];
  readonly tactic: string;
  readonly tacticOptions?: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly populationSize: number;
  readonly budget: number;
}
