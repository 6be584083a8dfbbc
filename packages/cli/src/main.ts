import { Samsa } from '@samsa/client';
import { ControllerClient } from '@samsa/metadata';
import type { Command, CommandContext, CommandIo, ControllerAdmin } from './command-line/command';
import { BOOTSTRAP_DEFAULT, CONTROLLER_DEFAULT, GLOBAL_OPTIONS } from './command-line/global-options';
import { commandHelp, groupHelp } from './command-line/help';
import { type ParsedOptions, parseOptions, stringValue } from './command-line/option-parser';
import { errorLine, exitCodeOf } from './command-line/error-line';
import { UsageError } from './command-line/usage-error';
import { COMMANDS } from './commands';
import { formatHostPort } from '@samsa/protocol';
import { parseHostPortList } from './server/server-config';

/** Exit codes: success, the operation failed (a refusal or an unreachable cluster), bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface RunDependencies {
  readonly commands?: readonly Command[];
  /** Makes the controller client; tests pass a fake. */
  readonly connectController?: (addresses: readonly string[]) => ControllerAdmin;
  /** Makes the broker client (`@samsa/client`); tests may pass their own. */
  readonly connectBroker?: (addresses: readonly string[]) => Samsa;
  readonly version?: string;
}

/**
 * Runs `samsa` with `argv` (without `node` and the script) and resolves to its exit code.
 * Every failure is one line on stderr: `samsa: <message>` for bad input (exit 2),
 * `samsa: <CODE>: <message>` for a refusal by the cluster or an unreachable one (exit 1).
 */
export async function run(argv: readonly string[], io: CommandIo, dependencies: RunDependencies = {}): Promise<number> {
  const commands = dependencies.commands ?? COMMANDS;
  let client: ControllerAdmin | undefined;
  let brokerClient: Samsa | undefined;
  try {
    const selection = selectCommand(argv, commands);
    if (selection.kind === 'version') {
      io.stdout(`samsa ${dependencies.version ?? 'unknown'}\n`);
      return EXIT_OK;
    }
    if (selection.kind === 'group') {
      const text = groupHelp(selection.prefix, commands, GLOBAL_OPTIONS);
      if (selection.asked) io.stdout(text);
      else io.stderr(text);
      return selection.asked ? EXIT_OK : EXIT_USAGE;
    }
    const { command } = selection;
    const parsed = parseCommandOptions(command, selection.rest);
    if (parsed.values['help'] === true) {
      io.stdout(commandHelp(command, GLOBAL_OPTIONS));
      return EXIT_OK;
    }
    checkPositionals(command, parsed);
    const context: CommandContext = {
      io,
      parsed,
      controller() {
        const connected = client ?? (dependencies.connectController ?? ((list) => new ControllerClient({ addresses: list })))(controllerAddresses(parsed, io.env));
        client = connected;
        return connected;
      },
      bootstrapAddresses: () => bootstrapAddresses(parsed, io.env),
      broker() {
        brokerClient ??= (dependencies.connectBroker ?? ((list) => new Samsa({ bootstrap: list, clientId: 'samsa-cli' })))(bootstrapAddresses(parsed, io.env));
        return brokerClient;
      },
    };
    return await command.run(context);
  } catch (error) {
    io.stderr(`${errorLine(error)}\n`);
    return exitCodeOf(error);
  } finally {
    client?.close();
    await brokerClient?.close().catch(() => undefined);
  }
}

type Selection =
  | { readonly kind: 'command'; readonly command: Command; readonly rest: readonly string[] }
  | { readonly kind: 'group'; readonly prefix: readonly string[]; readonly asked: boolean }
  | { readonly kind: 'version' };

/**
 * Global options may come before the command words (`samsa -b HOST:PORT topic list`); the
 * command is the longest list of words that names one. Everything after it, global options
 * included, is parsed against the command's options.
 */
function selectCommand(argv: readonly string[], commands: readonly Command[]): Selection {
  let index = 0;
  const leading: string[] = [];
  while (index < argv.length && argv[index]!.startsWith('-')) {
    const spec = GLOBAL_OPTIONS.find((option) => argv[index] === `--${option.name}` || argv[index] === `-${option.short}` || argv[index]!.startsWith(`--${option.name}=`));
    if (spec === undefined) throw new UsageError(`unknown option ${argv[index]!.split('=')[0]}`);
    const takesNext = spec.type === 'string' && !argv[index]!.includes('=');
    leading.push(...argv.slice(index, index + (takesNext ? 2 : 1)));
    index += takesNext ? 2 : 1;
  }
  const leadingParsed = parseOptions(leading, GLOBAL_OPTIONS);
  const words: string[] = [];
  while (index < argv.length && !argv[index]!.startsWith('-') && commands.some((command) => startsWith(command.path, [...words, argv[index]!]))) {
    words.push(argv[index]!);
    index += 1;
    if (commands.some((command) => command.path.length === words.length && startsWith(command.path, words))) break;
  }
  const command = commands.find((candidate) => candidate.path.length === words.length && startsWith(candidate.path, words));
  if (command !== undefined) return { kind: 'command', command, rest: [...leading, ...argv.slice(index)] };
  if (leadingParsed.values['version'] === true && words.length === 0) return { kind: 'version' };
  const next = argv[index];
  const asked = leadingParsed.values['help'] === true || next === '--help' || next === '-h' || (words.length === 0 && next === 'help');
  if (next !== undefined && !asked) {
    const known = words.length === 0 ? 'samsa --help' : `samsa ${words.join(' ')} --help`;
    throw new UsageError(`${next.startsWith('-') ? 'unknown option' : 'unknown command'} ${[...words, next].join(' ')} (see ${known})`);
  }
  return { kind: 'group', prefix: words, asked };
}

function startsWith(path: readonly string[], words: readonly string[]): boolean {
  return words.length <= path.length && words.every((word, index) => path[index] === word);
}

function parseCommandOptions(command: Command, argv: readonly string[]): ParsedOptions {
  try {
    return parseOptions(argv, [...command.options, ...GLOBAL_OPTIONS]);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message} (see samsa ${command.path.join(' ')} --help)`);
    throw error;
  }
}

function checkPositionals(command: Command, parsed: ParsedOptions): void {
  const name = command.path.join(' ');
  if (parsed.positionals.length < command.positionals.required) throw new UsageError(`${name} needs ${command.usage} (see samsa ${name} --help)`);
  if (parsed.positionals.length > command.positionals.max) throw new UsageError(`${name}: unexpected argument "${parsed.positionals[command.positionals.max]}"`);
}

/** `--controller`, else `SAMSA_CONTROLLER`, else 127.0.0.1:9093. */
export function controllerAddresses(parsed: ParsedOptions, env: Readonly<Record<string, string | undefined>>): string[] {
  const flag = stringValue(parsed, 'controller');
  const [raw, source] = flag !== undefined ? [flag, '--controller'] : env['SAMSA_CONTROLLER'] !== undefined ? [env['SAMSA_CONTROLLER'], 'SAMSA_CONTROLLER'] : [CONTROLLER_DEFAULT, 'the default controller'];
  try {
    return parseHostPortList(raw).map(formatHostPort);
  } catch (error) {
    throw new UsageError(`invalid ${source}: ${(error as Error).message}, got "${raw}"`);
  }
}

/** `-b/--bootstrap`, else `SAMSA_BOOTSTRAP`, else 127.0.0.1:9092. */
export function bootstrapAddresses(parsed: ParsedOptions, env: Readonly<Record<string, string | undefined>>): string[] {
  const flag = stringValue(parsed, 'bootstrap');
  const [raw, source] = flag !== undefined ? [flag, '--bootstrap'] : env['SAMSA_BOOTSTRAP'] !== undefined ? [env['SAMSA_BOOTSTRAP'], 'SAMSA_BOOTSTRAP'] : [BOOTSTRAP_DEFAULT, 'the default bootstrap'];
  try {
    return parseHostPortList(raw).map(formatHostPort);
  } catch (error) {
    throw new UsageError(`invalid ${source}: ${(error as Error).message}, got "${raw}"`);
  }
}

export { errorLine, exitCodeOf } from './command-line/error-line';
