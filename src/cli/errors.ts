// What `tasklab` prints when a command fails: one message naming what and where, never a stack trace
// (TASKLAB_DEBUG=1 adds it for bug reports). Loaded only on failure: the engine's error classes pull in tfjs.
import { ZodError } from 'zod';
import { RunError } from '../engine/runError.ts';
import { DatasetError } from '../engine/data/table/fromSpec.ts';
import { GroupingError } from '../engine/grouping/validate.ts';
import { TraceError } from '../engine/routing/trace.ts';
import { CliError, describeFsCode, UsageError } from './io.ts';

/** Errors whose message is written for the user (file, field, row or byte offset, and the problem). */
const USER_ERRORS = [CliError, RunError, DatasetError, GroupingError, TraceError];

const FS_ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  scandir: 'list',
  stat: 'find',
};

/** The message for a failed command whose usage line is `usage`. */
export function describeError(error: unknown, usage: string): string {
  if (error instanceof UsageError) return `usage: tasklab ${usage}`;
  if (USER_ERRORS.some((kind) => error instanceof kind)) return (error as Error).message;
  if (error instanceof ZodError)
    return error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('\n');
  const { code, syscall, path, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (code?.startsWith('ERR_PARSE_ARGS')) return message;
  if (syscall && path) return `cannot ${FS_ACTIONS[syscall] ?? syscall} ${path}: ${describeFsCode(code)}`;
  const text = error instanceof Error ? error.message : String(error);
  return `internal error: ${text.split('\n')[0]} (run with TASKLAB_DEBUG=1 to see where; please report it)`;
}
