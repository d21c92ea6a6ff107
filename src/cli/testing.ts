// Test helpers for CLI commands: run `tasklab …` in-process and capture what it writes.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from './main.ts';

export async function runCli(...argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const errors: string[] = [];
  const out: string[] = [];
  const errorSpy = vi.spyOn(console, 'error').mockImplementation((...parts) => void errors.push(parts.join(' ')));
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    return { code: await main(argv), stderr: errors.join('\n'), stdout: out.join('') };
  } finally {
    errorSpy.mockRestore();
    outSpy.mockRestore();
  }
}

export const tempDir = (prefix: string) => mkdtemp(join(tmpdir(), `tasklab-${prefix}-`));
