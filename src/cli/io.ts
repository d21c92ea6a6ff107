// Shared plumbing for CLI commands: reading inputs, writing JSON, and the Node tfjs set-up.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** An error whose message is shown to the user as is (no stack trace). */
export class CliError extends Error {}

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function writeJson(value: unknown, out: string | undefined): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

/** Folder with tfjs-backend-wasm's .wasm files, served from node_modules (no CDN). */
export function nodeWasmFolder(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}

/** Quiets tfjs's "install tfjs-node" banner, which would pollute stdout/stderr of every command. */
export function quietTfjs(): void {
  tf.env().set('PROD', true);
}
