// `--scale samples=4,width=2,steps=10`: the same experiment with more data, wider layers or more steps,
// for runs that do not fit in a browser. The scaled spec is validated again (schema limits still hold).
import { parseSpec, type ExperimentSpec } from '../../protocol/index.ts';

export interface Scale {
  samples: number;
  width: number;
  steps: number;
}

export const NO_SCALE: Scale = { samples: 1, width: 1, steps: 1 };

/** Parses "samples=4,width=2,steps=10" (any subset); errors name the bad part. */
export function parseScale(text: string): Scale {
  const scale = { ...NO_SCALE };
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key, value] = part.split('=');
    const factor = Number(value);
    if (!(key in scale)) throw new Error(`--scale: unknown factor "${key}" (use samples, width, steps)`);
    if (!Number.isFinite(factor) || factor <= 0)
      throw new Error(`--scale: ${key} needs a positive number, got "${value}"`);
    scale[key as keyof Scale] = factor;
  }
  return scale;
}

const times = (value: number, factor: number) => Math.max(1, Math.round(value * factor));

export function scaleSpec(spec: ExperimentSpec, scale: Scale): ExperimentSpec {
  const { samples, width, steps } = scale;
  const dataset = { ...spec.dataset };
  if (dataset.kind === 'planted' || dataset.kind === 'text') dataset.numSamples = times(dataset.numSamples, samples);
  else if (dataset.kind === 'clrs-lite') dataset.numGraphs = times(dataset.numGraphs, samples);
  else if (samples !== 1) throw new Error('--scale samples: a table has the rows it has; scale width or steps instead');
  const model = { ...spec.model };
  switch (model.kind) {
    case 'shared-bottom':
      model.hidden = model.hidden.map((h) => times(h, width));
      break;
    case 'branched':
      model.width = times(model.width, width);
      break;
    case 'mmoe':
    case 'ple':
      [model.expertHidden, model.expertOutput, model.towerHidden] = [
        model.expertHidden,
        model.expertOutput,
        model.towerHidden,
      ].map((w) => times(w, width));
      break;
    case 'gnn':
      model.hidden = times(model.hidden, width);
      break;
    case 'moe-lm':
      // Keep dModel a multiple of numHeads.
      model.dModel = times(model.dModel / model.numHeads, width) * model.numHeads;
      model.expertHidden = times(model.expertHidden, width);
      break;
  }
  const scaled = { ...spec, dataset, model, training: { ...spec.training, steps: times(spec.training.steps, steps) } };
  const parsed = parseSpec(scaled);
  if (!parsed.ok) throw new Error(`the scaled spec is out of range:\n${parsed.errors.join('\n')}`);
  return parsed.spec;
}
