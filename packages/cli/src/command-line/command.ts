import type { Samsa } from '@samsa/client';
import type { ControllerClient } from '@samsa/metadata';
import type { OptionSpec, ParsedOptions } from './option-parser';

/** Where a command writes and what it reads from its environment; fakes in tests. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Standard input, for `samsa produce` (read as a stream, with backpressure). */
  readonly stdin?: AsyncIterable<Buffer | string>;
  /** When set, long outputs wait for it to drain (`writableNeedDrain`) before writing more. */
  readonly stdoutStream?: { readonly writableNeedDrain: boolean; once(event: 'drain', listener: () => void): unknown };
  /** Whether stderr is a terminal: progress lines are shown only then. */
  readonly stderrIsTty?: boolean;
  /**
   * Calls `handler` on the first Ctrl-C (SIGINT) or SIGTERM, instead of the default exit;
   * a second signal exits at once. Returns a function that removes the handler. Absent in
   * tests, where nothing interrupts.
   */
  onInterrupt?(handler: () => void): () => void;
}

/** The part of the controller client the admin commands use. */
export type ControllerAdmin = Pick<ControllerClient, 'describeCluster' | 'describeTopics' | 'createTopics' | 'deleteTopics' | 'createPartitions' | 'alterConfigs' | 'close'>;

export interface CommandContext {
  readonly io: CommandIo;
  /** The command's options and positionals, global options included. */
  readonly parsed: ParsedOptions;
  /**
   * A client of the controllers named by `--controller` (else `SAMSA_CONTROLLER`, else the
   * default); made on first use and closed by the runner when the command ends.
   */
  controller(): ControllerAdmin;
  /**
   * A client of the brokers named by `-b/--bootstrap` (else `SAMSA_BOOTSTRAP`, else
   * 127.0.0.1:9092); made on first use and closed by the runner when the command ends.
   */
  broker(): Samsa;
  /** The broker addresses `broker()` uses (parsed and checked). */
  bootstrapAddresses(): string[];
}

/**
 * One `samsa` command. `run` resolves to the exit code; it throws `UsageError` or
 * `ConfigError` for bad input (exit 2) and `SamsaError` for a refusal by the cluster (exit 1).
 */
export interface Command {
  /** The words that select it: `['topic', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** The positional part of the usage line, e.g. `NAME`. */
  readonly usage: string;
  readonly positionals: { readonly required: number; readonly max: number };
  readonly options: readonly OptionSpec[];
  /** Extra help text: defaults, exit codes, examples. */
  readonly details?: string;
  run(context: CommandContext): Promise<number>;
}

export const JSON_OPTION: OptionSpec = { name: 'json', type: 'boolean', description: 'print JSON instead of a table' };

export function printJson(io: CommandIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}
