import { envName } from '@samsa/common';
import type { HostPort } from '@samsa/protocol';
import type { Command } from '../command-line/command';
import { type OptionSpec, stringValue } from '../command-line/option-parser';
import { runServer } from '../server/run-server';
import { SERVER_SETTINGS, loadServerPlan } from '../server/server-config';

const VALUE_NAMES: Readonly<Record<string, string>> = {
  'node-id': 'ID',
  roles: 'ROLE[,ROLE]',
  'data-dir': 'DIR',
  listen: 'HOST:PORT',
  'controller-listen': 'HOST:PORT',
  'http-listen': 'HOST:PORT',
  'controller-quorum': 'ID@HOST:PORT,...',
  'advertised-listen': 'HOST:PORT',
  rack: 'NAME',
  'cluster-id': 'ID',
  'log-level': 'LEVEL',
};

const SETTING_OPTIONS: readonly OptionSpec[] = Object.values(SERVER_SETTINGS).map((setting) => {
  const defaultText = describeDefault(setting.defaultValue);
  return {
    name: setting.flag,
    type: 'string',
    valueName: VALUE_NAMES[setting.flag] ?? 'VALUE',
    description: setting.description,
    env: envName(setting.flag),
    ...(defaultText === undefined ? {} : { defaultText }),
  } satisfies OptionSpec;
});

export const serverCommand: Command = {
  path: ['server'],
  summary: 'run a Samsa node: controller, broker, or both (combined)',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [...SETTING_OPTIONS, { name: 'config', type: 'string', valueName: 'FILE', env: 'SAMSA_CONFIG', description: 'a YAML file of settings, keyed by flag name (node-id: 1)' }],
  details: [
    'Precedence: flags > SAMSA_* environment > --config file > defaults.',
    'Exit codes: 0 after SIGTERM/SIGINT and a clean stop; 1 when a role cannot start; 2 for a bad setting.',
    'The broker role is not built yet: --roles controller,broker runs the controller only (with a warning).',
  ].join('\n'),
  async run({ io, parsed }) {
    const flags = Object.fromEntries(serverCommand.options.map((option) => [option.name, stringValue(parsed, option.name)]));
    return runServer(loadServerPlan(flags, io.env), io);
  },
};

function describeDefault(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.join(',');
  if (typeof value === 'object' && 'host' in value && 'port' in value) return `${(value as HostPort).host}:${(value as HostPort).port}`;
  return String(value);
}
