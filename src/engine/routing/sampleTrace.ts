// The settings behind public/traces/sample-4x8-top2.{json,tlrt} (written by scripts/make-sample-trace.ts).
import type { SyntheticTraceOptions } from './synthetic.ts';

export const SAMPLE_TRACE_OPTIONS: SyntheticTraceOptions = {
  numLayers: 4,
  numExperts: 8,
  topK: 2,
  numSequences: 6,
  seqLength: 64,
  seed: 2026,
  stay: 0.75, // a token keeps its predecessor's two experts three times in four: strong local consistency
  follow: 0.6, // its first expert follows the previous layer's first expert through a fixed map: inter-layer affinity
  weights: true,
  domains: ['prose', 'code', 'arithmetic'],
  text: {
    prose: 'The river was low that summer, and the children walked along its stones to the old mill every morning. ',
    code: 'function add(a, b) {\n  return a + b;\n}\nfor (let i = 0; i < n; i++) total += add(i, 1);\n',
    arithmetic: '12+7=19 45-13=32 6*7=42 100/4=25 81-9=72 3*3*3=27 ',
  },
};
