// The one shape every dataset takes inside the engine: named fields of per-sample float arrays.
// Tabular data has `x` [inputDim] and `y` [numTasks]; graph data adds adjacency, node features
// and per-task targets. Models say which fields they read.

export interface Field {
  /** Row-major values of all samples: [numSamples, ...shape]. */
  values: Float32Array;
  /** Shape of one sample, without the sample axis. */
  shape: number[];
}

export interface Dataset {
  name: string;
  taskNames: string[];
  numSamples: number;
  fields: Record<string, Field>;
  /** Planted group of each task, for synthetic data with a known answer. */
  plantedGroups?: number[];
  /** Text data: the character of each token id (fields hold ids as floats). */
  vocab?: string[];
}

export interface Split {
  train: Dataset;
  validation: Dataset;
}

export const numTasks = (data: Dataset) => data.taskNames.length;
export const sampleSize = (field: Field) => field.shape.reduce((a, b) => a * b, 1);

export function getField(data: Dataset, name: string): Field {
  const field = data.fields[name];
  if (!field) throw new Error(`dataset "${data.name}" has no field "${name}"`);
  return field;
}

/** Rows of `data` picked by `rows`, in that order. */
export function selectRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const fields: Record<string, Field> = {};
  for (const [name, field] of Object.entries(data.fields)) {
    const size = sampleSize(field);
    const values = new Float32Array(rows.length * size);
    for (let r = 0; r < rows.length; r++)
      values.set(field.values.subarray(rows[r] * size, (rows[r] + 1) * size), r * size);
    fields[name] = { values, shape: field.shape };
  }
  return { ...data, numSamples: rows.length, fields };
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
