// `npm run bench`: every benchmark, one after another. Figures are ratios measured side by side
// in one run; they are never asserted in tests.
import { benchBundle } from './bundle.ts';
import { benchCliStartup } from './cliStartup.ts';
import { benchRunSteps } from './runSteps.ts';
import { benchStepVsTorch } from './stepVsTorch.ts';

await benchRunSteps();
await benchStepVsTorch();
benchCliStartup();
// Issue 16's rows: what a first visit downloads (from the last build), then routing at LLM scale
// (a 1M-token × 32-layer × top-8 trace generated in a temp folder; `--tokens N` for a smaller one).
benchBundle();
await import('./routing.ts');
