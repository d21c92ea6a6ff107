// Test helpers for CLI commands: run `tasklab …` in-process and capture what it says on stderr.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from './main.ts';

export async function runCli(...argv: string[]): Promise<{ code: number; stderr: string }> {
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...parts) => void errors.push(parts.join(' ')));
  try {
    return { code: await main(argv), stderr: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `tasklab-${prefix}-`));
