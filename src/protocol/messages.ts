// The training worker's messages: what the page sends (ToWorker) and what comes back (FromWorker).
import type { RunEvent } from './events.ts';

export type FromWorker = RunEvent;

/** A user's table file sent to the training worker, which parses it; a spec names it by `table`. */
export interface TableFile {
  fileName: string;
  bytes: ArrayBuffer;
}

export type ToWorker =
  | {
      type: 'start';
      spec: unknown;
      wasmPaths?: Record<string, string>;
      tables?: Record<string, TableFile>;
      /** Absolute URL of public/corpus/ (text datasets). */ corpusUrl?: string;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };
