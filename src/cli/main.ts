// `tasklab <command> …`: each command lives in its own file and registers here.
import { CliError, quietTfjs } from './io.ts';
import { RunError } from '../engine/run.ts';
import * as run from './run.ts';
import * as example from './example.ts';
import * as routing from './routing.ts';
import * as group from './group.ts';
import * as branch from './branch.ts';
import * as affinity from './affinity.ts';
import * as exportCli from './export.ts';

interface Command {
  usage: string;
  handler(argv: string[]): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  run: { usage: run.usage, handler: run.runCommand },
  example: { usage: example.usage, handler: example.exampleCommand },
  routing: { usage: routing.usage, handler: routing.routingCommand },
  group: { usage: group.usage, handler: group.groupCommand },
  branch: { usage: branch.usage, handler: branch.branchCommand },
  affinity: { usage: affinity.usage, handler: affinity.affinityCommand },
  export: { usage: exportCli.usage, handler: exportCli.exportCommand },
};

function help(): string {
  return ['usage: tasklab <command> [options]', '', 'commands:', ...Object.values(COMMANDS).map((c) => `  tasklab ${c.usage}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`tasklab: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  quietTfjs();
  try {
    await command.handler(rest);
    return 0;
  } catch (error) {
    // Errors about the user's input get their message alone; anything else is a bug, so keep the stack.
    const known = error instanceof CliError || error instanceof RunError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`tasklab ${name}: ${known ? (error as Error).message : (error as Error).stack}`);
    return 1;
  }
}
