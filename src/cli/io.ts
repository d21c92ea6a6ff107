// Shared plumbing for CLI commands: reading inputs and writing JSON, with errors that name the file.
// Kept free of tfjs so commands that do not train (example, group, routing) start fast.
import { constants } from 'node:fs';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { parseSpec, type ExperimentSpec } from '../protocol/index.ts';

/** An error whose message is shown to the user as is (no stack trace). */
export class CliError extends Error {}

/** Wrong arguments: `main` answers with the command's usage line. */
export class UsageError extends CliError {}

export async function readTextFile(path: string): Promise<string> {
  try {
    // A byte-order mark (Windows editors write one) is not part of the text.
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${describeFsCode((error as NodeJS.ErrnoException).code)}`);
  }
}

export async function readJsonFile(path: string): Promise<unknown> {
  const text = await readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** An ExperimentSpec file, validated: anything but a spec object is refused, naming the field. */
export async function readSpecFile(path: string): Promise<ExperimentSpec> {
  const parsed = parseSpec(await readJsonFile(path));
  if (!parsed.ok) throw new CliError(`${path}: invalid experiment spec:\n${parsed.errors.join('\n')}`);
  return parsed.spec;
}

/** Validates a spec built from command-line flags; its errors name the flag (`--steps: …`), not the field. */
export function specFromFlags(input: unknown, flags: Record<string, string>): ExperimentSpec {
  const parsed = parseSpec(input);
  if (parsed.ok) return parsed.spec;
  const named = parsed.errors.map((error) => {
    const path = error.slice(0, error.indexOf(':'));
    return Object.hasOwn(flags, path) ? `${flags[path]}${error.slice(path.length)}` : error;
  });
  throw new CliError(named.join('\n'));
}

/** Fails before any work is done when `--out FILE` could not be written afterwards. */
export async function checkOutFile(out: string | undefined): Promise<void> {
  if (out === undefined) return;
  if ((await stat(out).catch(() => undefined))?.isDirectory())
    throw new CliError(`--out ${out}: is a folder; give a file name`);
  const folder = dirname(resolve(out));
  if (!(await stat(folder).catch(() => undefined))?.isDirectory())
    throw new CliError(`--out ${out}: the folder ${folder} does not exist`);
  await access(folder, constants.W_OK).catch(() => {
    throw new CliError(`--out ${out}: no permission to write in ${folder}`);
  });
}

export async function writeJson(value: unknown, out: string | undefined): Promise<void> {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (!out) return void process.stdout.write(text);
  try {
    await writeFile(out, text);
  } catch (error) {
    throw new CliError(`cannot write --out ${out}: ${describeFsCode((error as NodeJS.ErrnoException).code)}`);
  }
}

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the disk',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
};

/** Words for a Node file-system error code ("ENOENT" → "no such file or folder (ENOENT)"). */
export function describeFsCode(code: string | undefined): string {
  if (!code) return 'unknown error';
  return FS_CODES[code] ? `${FS_CODES[code]} (${code})` : code;
}

/** A note on stderr about input that was accepted but probably not meant (stdout stays pure JSON). */
export function warn(message: string): void {
  console.error(`tasklab: warning: ${message}`);
}

/** The backend to train on in Node: `--backend` if given, else the spec's. Node has no GPU backends. */
export function nodeBackend(flag: string | undefined, fromSpec = 'auto'): 'cpu' | 'wasm' {
  if (flag === 'cpu' || flag === 'wasm') return flag;
  if (flag === 'webgpu' || flag === 'webgl')
    throw new CliError(`--backend ${flag}: Node has no ${flag}; use cpu or wasm (${flag} is for the lab in a browser)`);
  if (flag !== undefined) throw new CliError(`--backend: expected cpu or wasm, got "${flag}"`);
  if (fromSpec === 'cpu' || fromSpec === 'wasm') return fromSpec;
  if (fromSpec !== 'auto')
    warn(`the spec asks for backend "${fromSpec}", which Node does not have; training on cpu instead`);
  return 'cpu';
}

/** Folder with tfjs-backend-wasm's .wasm files, served from node_modules (no CDN). */
export function nodeWasmFolder(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}
