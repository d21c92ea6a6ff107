// The one shape every dataset takes inside the engine: dense float inputs and one regression
// target column per task, row-major.

export interface Dataset {
  name: string;
  taskNames: string[];
  inputDim: number;
  numSamples: number;
  /** Inputs, [numSamples × inputDim]. */
  x: Float32Array;
  /** Targets, [numSamples × numTasks]. */
  y: Float32Array;
  /** Planted group of each task, for synthetic data with a known answer. */
  plantedGroups?: number[];
}

export interface Split {
  train: Dataset;
  validation: Dataset;
}

export const numTasks = (data: Dataset) => data.taskNames.length;

/** Rows of `data` picked by `rows`, in that order. */
export function selectRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const n = numTasks(data);
  const x = new Float32Array(rows.length * data.inputDim);
  const y = new Float32Array(rows.length * n);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r];
    x.set(data.x.subarray(src * data.inputDim, (src + 1) * data.inputDim), r * data.inputDim);
    y.set(data.y.subarray(src * n, (src + 1) * n), r * n);
  }
  return { ...data, numSamples: rows.length, x, y };
}

/** Last `fraction` of rows for validation; generators already emit rows in random order. */
export function splitDataset(data: Dataset, fraction: number): Split {
  const numValidation = Math.floor(data.numSamples * fraction);
  const numTrain = data.numSamples - numValidation;
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  return {
    train: selectRows(data, range(0, numTrain)),
    validation: selectRows(data, range(numTrain, data.numSamples)),
  };
}
