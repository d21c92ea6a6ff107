// Test helpers for the exported PyTorch projects: Debian's python3 with python3-torch (.ci/run installs it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const PYTHON = process.env.TASKLAB_PYTHON ?? '/usr/bin/python3';

/** Runs python3 with arguments in `cwd`; rejects with its stderr when it fails. */
export async function python(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(PYTHON, args, {
      cwd,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
      maxBuffer: 1 << 24,
    });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${PYTHON} ${args.join(' ')} failed: ${stderr || message}`);
  }
}
