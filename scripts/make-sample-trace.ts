// Writes the sample routing trace in public/traces/ (both forms). Run: npx tsx scripts/make-sample-trace.ts
// A synthetic 4-layer, 8-expert, top-2 model over three text domains: real LLM traces cannot be
// downloaded here, so locality is planted (see public/traces/README.md for the knobs).
import { writeFile } from 'node:fs/promises';
import { encodeBinaryTrace } from '../src/engine/routing/traceBinaryWrite.ts';
import { traceToJson } from '../src/engine/routing/traceJson.ts';
import { SAMPLE_TRACE_OPTIONS } from '../src/engine/routing/sampleTrace.ts';
import { synthesizeTrace } from '../src/engine/routing/synthetic.ts';

const trace = synthesizeTrace(SAMPLE_TRACE_OPTIONS);
await writeFile('public/traces/sample-4x8-top2.json', `${JSON.stringify(traceToJson(trace))}\n`);
await writeFile('public/traces/sample-4x8-top2.tlrt', encodeBinaryTrace(trace));
console.log('wrote public/traces/sample-4x8-top2.{json,tlrt}');
