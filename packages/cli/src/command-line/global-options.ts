import type { OptionSpec } from './option-parser';

export const CONTROLLER_DEFAULT = '127.0.0.1:9093';
export const BOOTSTRAP_DEFAULT = '127.0.0.1:9092';

/** Options every command accepts, before or after the command words. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'bootstrap', short: 'b', type: 'string', valueName: 'HOST:PORT,...', env: 'SAMSA_BOOTSTRAP', defaultText: BOOTSTRAP_DEFAULT, description: 'brokers to bootstrap from (produce, consume, bench)' },
  { name: 'controller', type: 'string', valueName: 'HOST:PORT,...', env: 'SAMSA_CONTROLLER', defaultText: CONTROLLER_DEFAULT, description: 'controllers to send admin requests to' },
  { name: 'help', short: 'h', type: 'boolean', description: 'show help' },
  { name: 'version', short: 'V', type: 'boolean', description: 'print the version' },
];
