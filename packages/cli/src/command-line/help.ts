import type { Command } from './command';
import type { OptionSpec } from './option-parser';

/** Help for one command: usage line, summary, its options, then the global ones. */
export function commandHelp(command: Command, globalOptions: readonly OptionSpec[]): string {
  const lines = [`Usage: samsa ${command.path.join(' ')}${command.usage === '' ? '' : ` ${command.usage}`} [options]`, '', command.summary, ''];
  if (command.options.length > 0) lines.push('Options:', ...optionLines(command.options), '');
  lines.push('Global options:', ...optionLines(globalOptions));
  if (command.details !== undefined) lines.push('', command.details.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** Help for `samsa` or for a group of commands such as `samsa topic`. */
export function groupHelp(prefix: readonly string[], commands: readonly Command[], globalOptions: readonly OptionSpec[]): string {
  const shown = commands.filter((command) => prefix.every((word, index) => command.path[index] === word));
  const names = shown.map((command) => [command.path.join(' '), command.usage].filter((part) => part !== '').join(' '));
  const width = Math.max(...names.map((name) => name.length));
  const lines = [
    `Usage: samsa [global options] ${prefix.length === 0 ? 'COMMAND' : `${prefix.join(' ')} COMMAND`} [options]`,
    '',
    'Commands:',
    ...shown.map((command, index) => `  ${names[index]!.padEnd(width)}  ${command.summary}`),
    '',
    'Global options:',
    ...optionLines(globalOptions),
    '',
    `Run "samsa ${prefix.length === 0 ? 'COMMAND' : `${prefix.join(' ')} COMMAND`} --help" for a command's options.`,
  ];
  return `${lines.join('\n')}\n`;
}

function optionLines(options: readonly OptionSpec[]): string[] {
  const names = options.map((option) => `${option.short === undefined ? '    ' : `-${option.short}, `}--${option.name}${option.valueName === undefined ? '' : ` ${option.valueName}`}`);
  const width = Math.max(...names.map((name) => name.length));
  return options.map((option, index) => {
    const notes = [option.defaultText === undefined ? '' : `default ${option.defaultText}`, option.env === undefined ? '' : `env ${option.env}`, option.multiple === true ? 'repeatable' : ''].filter((note) => note !== '');
    return `  ${names[index]!.padEnd(width)}  ${option.description}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`;
  });
}
