// One entry point for grouping n tasks into exactly k groups by average density, by any method.
import { averageDensity, toPartition, type Partition } from './density.ts';
import { solveExhaustive } from './exhaustive.ts';
import type { SquareMatrix } from './matrix.ts';
import { roundRelaxation, type RoundingName } from './rounding.ts';
import { solveSdpRelaxation, type SdpOptions } from './sdp.ts';
import { spectralGrouping } from './spectral.ts';
import { checkAffinityMatrix, checkGroupCount } from './validate.ts';
import { createRng, deriveSeed } from '../util/random.ts';

export const GROUPING_METHODS = ['sdp', 'exhaustive', 'spectral'] as const;
export type GroupingMethod = (typeof GROUPING_METHODS)[number];

export interface GroupingOptions {
  method?: GroupingMethod;
  seed?: number;
  sdp?: SdpOptions;
}

export interface SdpReport {
  /** ⟨T, X⟩ of the best relaxed solution. At the relaxation's global optimum this bounds every
   * partition's D; the low-rank solver may stop short of it, so read it as an estimate. */
  relaxationObjective: number;
  /** relaxationObjective − objective: how far the hard partition may be from the optimum. */
  gap: number;
  /** Largest constraint violation of the relaxed solution left when the solver stopped. */
  violation: number;
  iterations: number;
  /** False when the iteration cap stopped the solver first; the partition is still valid. */
  converged: boolean;
  rank: number;
  /** Random starts solved; each was rounded, the best partition is kept. */
  restarts: number;
  rounding: RoundingName;
  roundings: { name: RoundingName; roundedObjective: number; objective: number }[];
}

export interface GroupingResult extends Partition {
  method: GroupingMethod;
  k: number;
  /** Average density D of the partition on the matrix as given (diagonal included). */
  objective: number;
  seconds: number;
  sdp?: SdpReport;
  /** Exhaustive only: how many partitions were scored. */
  partitionsScored?: number;
}

function trivialAssignment(n: number, k: number): number[] | null {
  if (k === 1) return new Array<number>(n).fill(0);
  if (k === n) return Array.from({ length: n }, (_, i) => i);
  return null;
}

export function groupTasks(t: SquareMatrix, k: number, options: GroupingOptions = {}): GroupingResult {
  const { method = 'sdp', seed = 1 } = options;
  checkAffinityMatrix(t);
  checkGroupCount(k, t.n);
  const started = performance.now();
  const rng = createRng(deriveSeed(seed, `grouping/${method}`));
  const finish = (assignment: number[], extra: Partial<GroupingResult> = {}): GroupingResult => ({
    ...toPartition(assignment),
    method,
    k,
    objective: averageDensity(t, assignment),
    seconds: (performance.now() - started) / 1000,
    ...extra,
  });

  // One group or all singletons: there is only one partition, nothing to solve.
  const trivial = trivialAssignment(t.n, k);
  if (trivial) return finish(trivial);

  switch (method) {
    case 'exhaustive': {
      const result = solveExhaustive(t, k);
      return finish(result.assignment, { partitionsScored: result.partitionsScored });
    }
    case 'spectral':
      return finish(spectralGrouping(t, k, rng).assignment);
    case 'sdp': {
      const runs = solveSdpRelaxation(t, k, rng, options.sdp);
      const rounded = runs.map((run) => roundRelaxation(t, run.factor, run.rank, k, rng));
      const bestRun = rounded.reduce((best, r, i) => (r.objective > rounded[best].objective + 1e-12 ? i : best), 0);
      const relaxed = runs[0];
      return finish(rounded[bestRun].assignment, {
        sdp: {
          relaxationObjective: relaxed.relaxationObjective,
          gap: relaxed.relaxationObjective - rounded[bestRun].objective,
          violation: relaxed.violation,
          iterations: runs.reduce((sum, run) => sum + run.iterations, 0),
          converged: relaxed.converged,
          rank: relaxed.rank,
          restarts: runs.length,
          rounding: rounded[bestRun].chosen,
          roundings: rounded[bestRun].candidates.map(({ name, roundedObjective, objective }) => ({
            name,
            roundedObjective,
            objective,
          })),
        },
      });
    }
  }
}
