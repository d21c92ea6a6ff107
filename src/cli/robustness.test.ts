// Every hostile or careless input of issue 21 items 5, 6 and 8 and issue 14 item 5, one row each:
// the exit code, what stderr must say, and that it never holds a stack frame.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeError } from './errors.ts';
import { runCli, tempDir } from './testing.ts';

let dir = '';
const at = (name: string) => join(dir, name);
const STACK_FRAME = /^\s*at \S/m;
const TRACE = 'public/traces/sample-4x8-top2.json';

/** 60 rows of inputs a, b and targets y1, y2; `y1` replaces the first target when given. */
const makeCsv = (y1?: string) =>
  [
    'a,b,y1,y2',
    ...Array.from({ length: 60 }, (_, i) =>
      [Math.sin(i), Math.cos(3 * i), y1 ?? Math.sin(i) + Math.cos(3 * i), Math.sin(i) * 2].join(','),
    ),
  ].join('\n');
const CSV = makeCsv();
const tiny = (extra: object = {}) =>
  JSON.stringify({
    dataset: { kind: 'planted', numTasks: 2, numSamples: 128 },
    model: { kind: 'shared-bottom', hidden: [8] },
    training: { steps: 10 },
    ...extra,
  });

beforeAll(async () => {
  dir = await tempDir('robust');
  await mkdir(at('folder'));
  const utf16 = (text: string, bigEndian: boolean) => {
    const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
    return bigEndian ? Buffer.from(le).swap16() : le;
  };
  const files: Record<string, string | Buffer> = {
    'spec.json': tiny(),
    'bom.json': `\uFEFF${tiny()}`,
    'adam10.json': tiny({ training: { steps: 10, learningRate: 10, optimizer: 'adam' } }),
    'webgpu.json': tiny({ backend: 'webgpu' }),
    'cars-nosuch.json': JSON.stringify({
      dataset: { kind: 'table', table: 'cars', inputs: ['nosuch'], targets: ['Horsepower'] },
      training: { steps: 30 },
    }),
    'array.json': '[1,2,3]',
    'null.json': 'null',
    'five.json': '5',
    'string.json': '"str"',
    't.csv': CSV,
    'inf.csv': CSV.replace(/\n[^\n]*/, '\n0.1,0.2,Infinity,0.3'),
    'overflow.csv': CSV.replace(/\n[^\n]*/, '\n0.1,0.2,1e999,0.3'),
    'one.csv': 'a,b,y1,y2\n1,2,3,4\n',
    'constant.csv': makeCsv('3.5'),
    'utf16le.csv': utf16(CSV, false),
    'utf16be.csv': utf16(CSV, true),
    'matrix.csv': '1,0.5\n0.5,1\n',
    'nan-matrix.csv': 'NaN,0.5\n0.5,1\n',
    'empty-trace.json': JSON.stringify({
      format: 'tasklab-routing-trace',
      version: 1,
      numLayers: 1,
      numExperts: 4,
      topK: 1,
      sequences: [],
    }),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(at(name), content);
});

interface Case {
  args: () => string[];
  code: number;
  /** What stderr must say; '' = nothing at all. */
  says: RegExp | '';
}

const table = ['--data', 't.csv', '--inputs', 'a,b', '--targets', 'y1,y2', '--steps', '5'];
/** File names of the fixtures (and missing.json) live in the temp folder; absolute and repo paths stay. */
const withDir = (args: string[]) => args.map((arg) => (/^[\w-]+\.(json|csv)$/.test(arg) ? at(arg) : arg));
const row = (code: number, says: RegExp | '', ...args: string[]): Case => ({ args: () => withDir(args), code, says });

/** One invocation per command, each well-formed apart from what a case adds. */
const COMMANDS: Record<string, string[]> = {
  run: ['run', 'spec.json'],
  example: ['example', 'planted'],
  affinity: ['affinity', 'spec.json', '--method', 'cosine'],
  group: ['group', 'matrix.csv', '--k', '1'],
  branch: ['branch', 'spec.json', '--depth', '1', '--arity', '2'],
  routing: ['routing', TRACE],
};

const CASES: Record<string, Case> = {
  // Item 5: file-system and schema errors.
  ...Object.fromEntries(
    Object.entries(COMMANDS).flatMap(([name, args]) => [
      [
        `${name} --out in a missing folder`,
        row(
          1,
          /--out \/nonexistent\/x\.json: the folder \/nonexistent does not exist/,
          ...args,
          '--out',
          '/nonexistent/x.json',
        ),
      ],
      [
        `${name} --out a folder`,
        {
          args: () => [...withDir(args), '--out', at('folder')],
          code: 1,
          says: /--out .*folder: is a folder; give a file name/,
        },
      ],
    ]),
  ),
  'run --steps 2000000 with --data': row(
    1,
    /--steps: Too big: expected number to be <=1000000/,
    'run',
    ...table,
    '--steps',
    '2000000',
  ),
  'run --seed 1e20 with --data': row(
    1,
    /--seed: expected an integer ≥ 0, got "1e20"/,
    'run',
    ...table,
    '--seed',
    '1e20',
  ),
  'run --seed 1e10 with --data': row(
    1,
    /--seed: Too big: expected number to be <=2147483647/,
    'run',
    ...table,
    '--seed',
    '1e10',
  ),
  'example --seed 1e10': row(1, /--seed: Too big/, 'example', 'planted', '--seed', '1e10'),
  'affinity --data with a missing column': row(
    1,
    /target column "nosuch" is not in t\.csv; its columns are "a", "b", "y1", "y2"/,
    'affinity',
    ...table.slice(0, 4),
    '--targets',
    'nosuch',
    '--method',
    'cosine',
  ),
  'affinity on a spec with a missing column': row(
    1,
    /cars: input column "nosuch" is not in cars/,
    'affinity',
    'cars-nosuch.json',
    '--method',
    'cosine',
  ),
  'branch on a spec with a missing column': row(
    1,
    /cars: input column "nosuch" is not in cars/,
    'branch',
    'cars-nosuch.json',
    '--depth',
    '1',
    '--arity',
    '2',
  ),
  // Item 6: sizes are capped.
  'routing --segments 1000000000': row(
    1,
    /--segments: 1000000000 is not an integer in 1\.\.4096/,
    'routing',
    TRACE,
    '--segments',
    '1000000000',
  ),
  'routing with 13 segment lengths': row(
    1,
    /--segments: expected 1 to 12 segment lengths/,
    'routing',
    TRACE,
    '--segments',
    '1,2,3,4,5,6,7,8,9,10,11,12,13',
  ),
  'branch --arity 1000000': row(
    1,
    /--arity: expected an integer in 1\.\.64/,
    'branch',
    'spec.json',
    '--depth',
    '1',
    '--arity',
    '1000000',
  ),
  // Item 8: silent acceptances and misleading messages.
  ...Object.fromEntries(
    ['array', 'null', 'five', 'string'].flatMap((name) =>
      ['run', 'affinity', 'branch'].map((command) => [
        `${command} on ${name}.json`,
        row(
          1,
          /\.json: invalid experiment spec:\n\(spec\): Invalid input: expected object, received (array|null|number|string)/,
          ...COMMANDS[command].map((a) => (a === 'spec.json' ? `${name}.json` : a)),
        ),
      ]),
    ),
  ),
  'run with Adam at learning rate 10': row(
    0,
    /warning: the training loss of task "task0" rose from .* try a lower learning rate \(now 10\)/,
    'run',
    'adam10.json',
  ),
  'run --data with Infinity in a cell': row(
    1,
    /inf\.csv: target column "y1", row 1: Infinity is not a finite number/,
    'run',
    ...table.slice(0, 1),
    'inf.csv',
    ...table.slice(2),
  ),
  'run --data with 1e999 in a cell': row(
    1,
    /overflow\.csv: target column "y1", row 1: 1e999 is not a finite number/,
    'run',
    ...table.slice(0, 1),
    'overflow.csv',
    ...table.slice(2),
  ),
  'group on a matrix CSV with NaN in its first row': row(
    1,
    /nan-matrix\.csv: line 1, column 1: "NaN" is not a number/,
    'group',
    'nan-matrix.csv',
    '--k',
    '1',
  ),
  'run on a spec with a byte-order mark': row(0, '', 'run', 'bom.json'),
  'run --data on a one-row CSV': row(
    1,
    /one\.csv: only 1 usable row\(s\), so none is left for validation/,
    'run',
    ...table.slice(0, 1),
    'one.csv',
    ...table.slice(2),
  ),
  'run --data with a constant target': row(
    0,
    /warning: task "y1" has the same target in every row/,
    'run',
    ...table.slice(0, 1),
    'constant.csv',
    ...table.slice(2),
  ),
  'routing on an empty trace': row(1, /empty-trace\.json: the trace holds no tokens/, 'routing', 'empty-trace.json'),
  'run --backend webgpu': row(
    1,
    /--backend webgpu: Node has no webgpu; use cpu or wasm/,
    'run',
    'spec.json',
    '--backend',
    'webgpu',
  ),
  'affinity --backend webgl': row(
    1,
    /--backend webgl: Node has no webgl/,
    'affinity',
    'spec.json',
    '--method',
    'cosine',
    '--backend',
    'webgl',
  ),
  'run on a spec asking for webgpu': row(
    0,
    /warning: the spec asks for backend "webgpu", which Node does not have; training on cpu/,
    'run',
    'webgpu.json',
  ),
  'run --data on a UTF-16LE CSV': row(0, '', 'run', ...table.slice(0, 1), 'utf16le.csv', ...table.slice(2)),
  'run --data on a UTF-16BE CSV': row(0, '', 'run', ...table.slice(0, 1), 'utf16be.csv', ...table.slice(2)),
  // Issue 14 item 5: every command answers unknown options, missing files and missing arguments in words.
  ...Object.fromEntries(
    Object.entries(COMMANDS).flatMap(([name, args]) => [
      [`${name} with an unknown option`, row(1, /Unknown option '--bogus'/, ...args, '--bogus')],
      [
        `${name} with a missing input file`,
        row(
          1,
          name === 'example' ? /unknown example ".*missing\.json"/ : /missing\.json: no such file or folder \(ENOENT\)/,
          ...args.slice(0, 1),
          'missing.json',
          ...args.slice(2),
        ),
      ],
      ...(name === 'example'
        ? []
        : [[`${name} without arguments`, row(1, new RegExp(`^tasklab ${name}: (usage: tasklab ${name} |--)`), name)]]),
    ]),
  ),
};

describe('tasklab on bad input: a message in words, the right exit code, never a stack trace', () => {
  it.each(Object.entries(CASES))('%s', async (_, { args, code, says }) => {
    const result = await runCli(...args());
    expect(result.stderr).not.toMatch(STACK_FRAME);
    // stdout stays pure JSON (warnings go to stderr), and holds nothing after a failure.
    if (code === 0) expect(() => JSON.parse(result.stdout)).not.toThrow();
    else expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').length).toBeLessThanOrEqual(3);
    if (says === '') expect(result.stderr).toBe('');
    else expect(result.stderr).toMatch(says);
    expect(result.code).toBe(code);
  });

  it('words errors it does not know as one line, keeping the stack for TASKLAB_DEBUG', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(describeError(bug, '')).toBe(
      "internal error: Cannot read properties of undefined (reading 'x') (run with TASKLAB_DEBUG=1 to see where; please report it)",
    );
    const fsError = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      syscall: 'open',
      path: '/root/x.json',
    });
    expect(describeError(fsError, '')).toBe('cannot open /root/x.json: permission denied (EACCES)');
  });
});
