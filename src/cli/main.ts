// `tasklab <command> …`: each command lives in its own file, loaded only when it runs, so `--help` and
// the commands that do not train start without loading tfjs. Every failure ends here as one message.
type Handler = (argv: string[]) => Promise<void>;

interface Command {
  usage: string;
  load(): Promise<Handler>;
}

const TABLE_USAGE = '--data FILE.csv --inputs c1,c2,… --targets t1,t2,… [--seed S] [--steps N]';

const COMMANDS: Record<string, Command> = {
  run: {
    usage: `run <spec.json> | ${TABLE_USAGE}  [--backend cpu|wasm] [--categories groups.json] [--out FILE]`,
    load: async () => (await import('./run.ts')).runCommand,
  },
  example: {
    usage: 'example [name] [--seed N] [--out FILE]',
    load: async () => (await import('./example.ts')).exampleCommand,
  },
  routing: {
    usage: 'routing <trace.json|trace.tlrt> [--segments 4,16,64] [--compare OTHER_TRACE] [--threads N] [--out FILE]',
    load: async () => (await import('./routing.ts')).routingCommand,
  },
  group: {
    usage: 'group <matrix.json|.csv> --k K [--method sdp|exhaustive|spectral] [--seed N] [--out FILE]',
    load: async () => (await import('./group.ts')).groupCommand,
  },
  branch: {
    usage: 'branch <spec.json> --depth L --arity K [--backend cpu|wasm] [--out FILE]',
    load: async () => (await import('./branch.ts')).branchCommand,
  },
  affinity: {
    usage: `affinity <spec.json> | ${TABLE_USAGE}  --method lookahead|cosine|gradtag|bruteforce [--backend cpu|wasm] [--out FILE]`,
    load: async () => (await import('./affinity.ts')).affinityCommand,
  },
  export: {
    usage:
      'export <spec.json> | ${TABLE_USAGE}  --to pytorch --out DIR [--tree tree.json] [--scale samples=…,width=…,steps=…]',
    load: async () => (await import('./export.ts')).exportCommand,
  },
};

function help(): string {
  return [
    'usage: tasklab <command> [options]',
    '',
    'commands:',
    ...Object.values(COMMANDS).map((c) => `  tasklab ${c.usage}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`tasklab: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`usage: tasklab ${command.usage}`);
    return 0;
  }
  try {
    await (
      await command.load()
    )(rest);
    return 0;
  } catch (error) {
    const { describeError } = await import('./errors.ts');
    console.error(`tasklab ${name}: ${describeError(error, command.usage)}`);
    if (process.env.TASKLAB_DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    return 1;
  }
}
