// Everything that crosses a thread boundary, one concept per file; this folder imports only zod
// and itself (the lint's tasklab/layers rule checks it).
export * from './backend.ts';
export * from './branchTree.ts';
export * from './dataset.ts';
export * from './events.ts';
export * from './health.ts';
export * from './jobs.ts';
export * from './messages.ts';
export * from './model.ts';
export * from './reports.ts';
export * from './spec.ts';
