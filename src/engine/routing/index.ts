// Routing statistics and routing-trace I/O (ALGORITHMS.md Part 2 §1, §2, §5 and the §0 contract).
export * from './trace.ts';
export { parseJsonTrace, traceToJson, TRACE_FORMAT } from './traceJson.ts';
export { writeBinaryTrace, encodeBinaryTrace } from './traceBinaryWrite.ts';
export { readBinaryTrace, type ReadOptions } from './traceBinaryRead.ts';
export { readTrace, readTraceBytes } from './traceRead.ts';
export { chunksOf } from './byteReader.ts';
export { TraceRecorder, exportRouting, type RecordedBatch, type RecordedLayer } from './exporter.ts';
export { synthesizeTrace, type SyntheticTraceOptions } from './synthetic.ts';
export * from './srp.ts';
export { layerSch } from './sch.ts';
export * from './load.ts';
export { domainUsage, type DomainUsage } from './domains.ts';
export { routingStability, type Stability } from './stability.ts';
export { interLayerAffinity, type LayerAffinity } from './affinity.ts';
export {
  analyseTrace,
  analyseTraceParallel,
  type LayerRunner,
  DEFAULT_SEGMENTS,
  DEFAULT_CAPACITY_FACTORS,
  type RoutingReport,
  type LayerReport,
  type ReportOptions,
} from './report.ts';
