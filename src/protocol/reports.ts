// The engine's reports that the page shows (a table preview, a routing-trace analysis, an
// unlearning run): declared here so the page and the job protocol read them without the engine.

/** number: every present cell is numeric; text: none is; mixed: both occur; empty: no values at all. */
export type ColumnType = 'number' | 'text' | 'mixed' | 'empty';

export interface ColumnPreview {
  name: string;
  type: ColumnType;
  /** Human-readable type, with the offending rows for mixed columns. */
  typeNote: string;
  missing: number;
  /** Numeric columns: range and mean of present values. */
  min?: number;
  max?: number;
  mean?: number;
  /** Text columns: number of distinct values (capped count, see MAX_DISTINCT). */
  distinct?: number;
}

export interface TablePreview {
  name: string;
  numRows: number;
  columns: ColumnPreview[];
  rows: (number | string | null)[][];
}

export interface SrpResult {
  srp: number;
  /** The best threshold j* (the smallest on ties, as torch max(dim) in moe-lrc picks the first). */
  threshold: number;
  /** P(j*)/A: size of the oracle's fixed sets relative to the real activations. */
  bestM: number;
  /** A/P(0) = k/E for top-k routing (sanity value). */
  actR: number;
}

export interface Stability {
  /** mean over tokens of [S^A_t ≠ S^B_t] (as sets), per layer. */
  changed: number[];
  /** 1 − mean |S^A_t ∩ S^B_t| / max(|S^A_t|, |S^B_t|) per layer (the max is k for top-k). */
  soft: number[];
  /** Means over layers. */
  meanChanged: number;
  meanSoft: number;
}

export interface DomainUsage {
  domains: string[];
  /** usage[d][e] = share of domain d's activations that went to expert e (each row sums to 1). */
  usage: number[][];
  /** I(domain; expert) in nats over the joint q(y,e) = activations / all activations. */
  mutualInformation: number;
  /** I / min(H(domain), H(expert)); 0 when either entropy is 0. */
  normalisedMI: number;
}

export interface LayerReport {
  /** SRP per segment length m (key = m); null when the layer had no window of that length. */
  srp: Record<string, number | null>;
  /** SCH hit rate per look-ahead L (key = L): [hit rate at cache size C = 1..E]. */
  sch: Record<string, number[]>;
  /** Share of the layer's activations per expert (sums to 1). */
  load: number[];
  loadCV: number;
  /** Mean normalised router entropy; absent without weights. */
  entropy?: number;
  marginalEntropy?: number;
  srpDetail: Record<string, Omit<SrpResult, 'srp'> | null>;
  dropRate: Record<string, number>;
  domainUsage?: DomainUsage;
}

export interface InterLayer {
  from: number;
  to: number;
  peak: number;
  /** conditional[a][b] = P(expert b at layer `to` | expert a at layer `from`). */
  conditional: number[][];
}

export interface RoutingReport {
  numLayers: number;
  numExperts: number;
  topK: number | 'variable';
  numSequences: number;
  numTokens: number;
  layers: LayerReport[];
  model: { srp: Record<string, number | null>; srpDetail: Record<string, Omit<SrpResult, 'srp'> | null> };
  /** conditional[a][b] = P(expert b at layer `to` | expert a at layer `from`). */
  interLayer: InterLayer[];
  stability?: Stability;
  weightsAs?: 'probabilities' | 'logits';
}

export interface Attribution {
  numLayers: number;
  numExperts: number;
  /** scores[l][e] = Σ_t g_{t,e} / N over the target's tokens (frequency × mean gate when chosen). */
  scores: number[][];
  /** The same on the retained data, when given (for `contrast`). */
  retainScores?: number[][];
  layer: number;
  expert: number;
}

/**
 * 'ga': gradient ascent, −mean CE (unbounded: stop it by steps or divergence check).
 * 'npo': Negative Preference Optimization (Zhang et al. 2024), (2/β)·mean log(1 + (π_θ/π_ref)^β),
 * with log π(window) = −length · CE; bounded below by 0 and flat once the forget windows are unlikely.
 */
export type UnlearnObjective = 'ga' | 'npo';

export interface UnlearnReport {
  scope: 'uoe' | 'uoe-retain' | 'full';
  objective: UnlearnObjective;
  forgetDomain: string;
  attribution: Attribution;
  target: { layer: number; expert: number };
  stepsRun: number;
  /** True when the run diverged; the model was then restored to its state before the run. */
  diverged: boolean;
  forgetLoss: { before: number; after: number };
  /** Every other domain's loss. */
  retainLoss: { domain: string; before: number; after: number }[];
  /** Parameters whose value changed / all parameters. */
  touchedParams: number;
  totalParams: number;
  touchedFraction: number;
  /** selection[d][l][e]: fraction of domain d's tokens that chose expert e at layer l. */
  selectionBefore: number[][][];
  selectionAfter: number[][][];
  /** The target expert's selection rate on forget tokens. */
  targetRate: { before: number; after: number };
  /** Forget-set loss seen at each step (before that step's update). */
  history: number[];
}
