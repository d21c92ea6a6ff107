// TaskLab's lint: typescript-eslint's recommended rules plus the layering rule (layers.js). Run it with
// `npm run lint` from the repository root; this folder has its own install because typescript-eslint
// needs TypeScript 5's JavaScript API, which the project's TypeScript 7 does not have.
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { tasklabPlugin } from './layers.js';

export default tseslint.config(
  {
    basePath: path.resolve(import.meta.dirname, '../..'),
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'build/**',
      'test-results/**',
      'playwright-report/**',
      'tools/lint/fixtures/**',
    ],
  },
  {
    files: ['src/**/*.{ts,tsx}', 'workers/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts'],
    extends: [tseslint.configs.recommended],
    // tsc's noUnusedLocals / noUnusedParameters already report these.
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'workers/**/*.ts'],
    // Tests are not shipped, so they may reach across layers (e.g. an engine test reading a file
    // through the CLI's io helpers).
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { tasklab: tasklabPlugin },
    rules: { 'tasklab/layers': 'error' },
  },
);
