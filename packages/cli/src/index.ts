/**
 * @samsa/cli: the `samsa` command. The binary is `dist/bin/samsa.js`; `run` is exported so
 * that tests and tools can drive the command line in-process.
 */
export { run, EXIT_OK, EXIT_FAILED, EXIT_USAGE, type RunDependencies } from './main';
export type { Command, CommandContext, CommandIo, ControllerAdmin } from './command-line/command';
export { COMMANDS } from './commands';
