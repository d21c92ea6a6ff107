// The notebook document: model, pure edits, file format and share links.
export * from './schema.ts';
export * from './operations.ts';
export * from './ids.ts';
export * from './fileFormat.ts';
export * from './link.ts';
export { defaultNotebook } from './defaultNotebook.ts';
export * from './resolve.ts';
export * from './undo.ts';
export * from './moeComparison.ts';
export * from './lessonLink.ts';
export * from './sharedRun.ts';
