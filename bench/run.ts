// `npm run bench`: every benchmark, one after another. Figures are ratios measured side by side
// in one run; they are never asserted in tests.
import { benchCliStartup } from './cliStartup.ts';
import { benchRunSteps } from './runSteps.ts';

await benchRunSteps();
benchCliStartup();
