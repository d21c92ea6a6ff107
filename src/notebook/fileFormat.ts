// The `.tasklab.json` file: {format: "tasklab-notebook", version, notebook}. Reading goes through
// migrations up to the current version and then the one notebook schema; it never throws.
import { ExperimentSpec } from '../protocol/index.ts';
import { parseNotebook, type Notebook, type NotebookResult } from './schema.ts';

export const FILE_FORMAT = 'tasklab-notebook';
export const FILE_VERSION = 1;
export const FILE_EXTENSION = '.tasklab.json';
/** Files larger than this are refused before parsing (inline tables make files big, not specs). */
export const MAX_FILE_CHARS = 100 * 1024 * 1024;

export interface NotebookFile {
  format: typeof FILE_FORMAT;
  version: number;
  notebook: unknown;
}

/**
 * Steps from version v to v + 1, applied in order to the `notebook` field. Version 1 is the first
 * published format, so the table is empty; a format change adds its step here (and keeps the v1
 * fixture tests passing), never edits an old one.
 */
export type Migration = (notebook: unknown) => unknown;
export const MIGRATIONS: Record<number, Migration> = {};

export function writeNotebookFile(notebook: Notebook): string {
  const file: NotebookFile = { format: FILE_FORMAT, version: FILE_VERSION, notebook };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function readNotebookFile(text: string): NotebookResult {
  if (typeof text !== 'string') return { ok: false, error: 'expected the text of a .tasklab.json file' };
  if (text.length > MAX_FILE_CHARS)
    return { ok: false, error: `the file is larger than the limit of ${MAX_FILE_CHARS / 2 ** 20} MB` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not a TaskLab notebook: invalid JSON (${(error as Error).message})` };
  }
  return readNotebookValue(value);
}

/**
 * Any parsed JSON → notebook. Besides the current envelope this accepts, as "version 0", what came
 * before it: a bare notebook {title, cells} and a bare ExperimentSpec (e.g. `tasklab example` output),
 * which becomes a one-experiment notebook.
 */
export function readNotebookValue(
  value: unknown,
  migrations: Record<number, Migration> = MIGRATIONS,
  latest = FILE_VERSION,
): NotebookResult {
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: 'not a TaskLab notebook: expected a JSON object with "format": "tasklab-notebook"' };
    }
    const record = value as Record<string, unknown>;
    if (!('format' in record)) return readVersionZero(record);
    if (record.format !== FILE_FORMAT)
      return {
        ok: false,
        error: `not a TaskLab notebook: "format" is ${JSON.stringify(record.format)?.slice(0, 60)}, expected "${FILE_FORMAT}"`,
      };
    const version = record.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, error: `"version" must be a whole number ≥ 1, got ${JSON.stringify(version)?.slice(0, 60)}` };
    }
    if (version > latest)
      return {
        ok: false,
        error: `this notebook was saved by a newer TaskLab (format version ${version}); this one reads up to version ${latest}`,
      };
    let notebook = record.notebook;
    for (let v = version; v < latest; v++) {
      const step = migrations[v];
      if (!step) return { ok: false, error: `no migration from notebook format version ${v} to ${v + 1}` };
      notebook = step(notebook);
    }
    return parseNotebook(notebook);
  } catch (error) {
    // Migrations work on unchecked input; a crash in one is still just a bad file to the user.
    return { ok: false, error: `could not read the notebook: ${(error as Error)?.message ?? String(error)}` };
  }
}

function readVersionZero(record: Record<string, unknown>): NotebookResult {
  if ('cells' in record) return parseNotebook(record);
  if ('dataset' in record || 'model' in record || 'training' in record) {
    const spec = ExperimentSpec.safeParse(record);
    if (!spec.success) {
      const issue = spec.error.issues[0];
      return {
        ok: false,
        error: `this looks like an experiment spec, but ${issue.path.join('.') || '(spec)'}: ${issue.message}`,
      };
    }
    return parseNotebook({ title: spec.data.name, cells: [{ id: 'c1', kind: 'experiment', spec: spec.data }] });
  }
  return {
    ok: false,
    error:
      'not a TaskLab notebook: expected "format": "tasklab-notebook" (or a notebook with "cells", or an experiment spec)',
  };
}
