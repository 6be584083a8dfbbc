import { ConfigError, type ConfigOf, type Setting, enumListSetting, integerSetting, loadConfig, stringSetting } from '@samsa/common';
import { type HostPort, formatHostPort, parseHostPort } from '@samsa/protocol';

// The CLI's modules take their address helpers from here (see `parseHostPortList`); the one
// implementation of host:port parsing and printing is @samsa/protocol's.

export type Role = 'controller' | 'broker';
export const ROLES: readonly Role[] = ['controller', 'broker'];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every setting of `samsa server`, each a flag (`--node-id`), an env variable
 * (`SAMSA_NODE_ID`) and a config-file key (`node-id` or `nodeId`). The defaults start one
 * combined node on a laptop. Settings whose default derives from another are `null` here and
 * resolved by `planServer`.
 */
export const SERVER_SETTINGS = {
  nodeId: integerSetting('node-id', "this node's id, unique in the cluster", 1, { min: 0, max: 2_147_483_647 }),
  roles: enumListSetting<Role>('roles', 'what this process runs: controller, broker, or both', ['controller', 'broker'], ROLES),
  dataDirectory: stringSetting('data-dir', "where this node keeps its data (the controller's Raft log under <data-dir>/metadata)", './data'),
  listen: hostPortSetting('listen', 'where the broker serves clients', { host: '127.0.0.1', port: 9092 }),
  controllerListen: hostPortSetting('controller-listen', 'where the controller serves the quorum and brokers', { host: '127.0.0.1', port: 9093 }),
  httpListen: hostPortSetting('http-listen', 'where /metrics, /healthz and /readyz are served', { host: '127.0.0.1', port: 9644 }),
  controllerQuorum: nullable(quorumSetting('controller-quorum', 'the controller voters, ID@HOST:PORT,... (default: this node alone at --controller-listen)', undefined)),
  advertisedListen: nullable(hostPortSetting('advertised-listen', 'the address clients are told to use (default: --listen)', undefined)),
  rack: nullable(stringSetting('rack', 'the rack or zone of this node, for replica placement (default: none)', undefined)),
  clusterId: clusterIdSetting(),
  logLevel: logLevelSetting(),
  metadataSnapshotEntries: integerSetting('metadata-snapshot-entries', 'take a snapshot of the metadata image every N committed entries', 10_000, { min: 1 }),
  groupSessionTimeoutMs: integerSetting('group-session-timeout-ms', 'a consumer-group member not heard from for this long is removed (Kafka: group.consumer.session.timeout.ms)', 45_000, { min: 2 }),
  groupHeartbeatIntervalMs: integerSetting('group-heartbeat-interval-ms', 'how often consumer-group members heartbeat (Kafka: group.consumer.heartbeat.interval.ms)', 5_000, { min: 1 }),
  offsetsTopicPartitions: integerSetting('offsets-topic-partitions', 'partitions of __consumer_offsets when this broker creates it', 16, { min: 1, max: 1000 }),
} as const;

export type ServerSettings = ConfigOf<typeof SERVER_SETTINGS>;

/** What `samsa server` will run, every derived default resolved and cross-checked. */
export interface ServerPlan {
  readonly nodeId: number;
  readonly clusterId: string;
  readonly roles: readonly Role[];
  readonly runController: boolean;
  readonly runBroker: boolean;
  readonly dataDirectory: string;
  readonly controllerListen: HostPort;
  readonly httpListen: HostPort;
  readonly listen: HostPort;
  readonly advertisedListen: HostPort;
  readonly quorum: readonly QuorumVoter[];
  readonly rack: string | null;
  readonly logLevel: LogLevel;
  readonly metadataSnapshotEntries: number;
  readonly groupSessionTimeoutMs: number;
  readonly groupHeartbeatIntervalMs: number;
  readonly offsetsTopicPartitions: number;
  /** Things to log as warnings once the logger exists. */
  readonly warnings: readonly string[];
}

/**
 * Resolves derived defaults and checks the settings against each other. Throws a
 * `ConfigError` whose one-line message names the setting at fault.
 */
export function planServer(settings: ServerSettings): ServerPlan {
  const warnings: string[] = [];
  const runController = settings.roles.includes('controller');
  const runBroker = settings.roles.includes('broker');
  if (!runController && settings.controllerQuorum === null) {
    throw new ConfigError('missing --controller-quorum: a broker-only node must be told where the controllers are');
  }
  const quorum = settings.controllerQuorum ?? [{ id: settings.nodeId, ...settings.controllerListen }];
  if (runController) checkControllerInQuorum(settings.nodeId, settings.controllerListen, quorum);
  checkDistinctVoterAddresses(quorum);
  if (runController && sameListener(settings.httpListen, settings.controllerListen)) {
    throw new ConfigError(`invalid --http-listen: ${formatHostPort(settings.httpListen)} is also --controller-listen`);
  }
  if (settings.groupHeartbeatIntervalMs >= settings.groupSessionTimeoutMs) {
    throw new ConfigError(`invalid --group-heartbeat-interval-ms: ${settings.groupHeartbeatIntervalMs} must be below --group-session-timeout-ms (${settings.groupSessionTimeoutMs})`);
  }
  if (runBroker && sameListener(settings.listen, settings.httpListen)) {
    throw new ConfigError(`invalid --listen: ${formatHostPort(settings.listen)} is also --http-listen`);
  }
  if (runBroker && runController && sameListener(settings.listen, settings.controllerListen)) {
    throw new ConfigError(`invalid --listen: ${formatHostPort(settings.listen)} is also --controller-listen`);
  }
  return {
    nodeId: settings.nodeId,
    clusterId: settings.clusterId,
    roles: settings.roles,
    runController,
    runBroker,
    dataDirectory: settings.dataDirectory,
    controllerListen: settings.controllerListen,
    httpListen: settings.httpListen,
    listen: settings.listen,
    advertisedListen: settings.advertisedListen ?? settings.listen,
    quorum,
    rack: settings.rack,
    logLevel: settings.logLevel,
    metadataSnapshotEntries: settings.metadataSnapshotEntries,
    groupSessionTimeoutMs: settings.groupSessionTimeoutMs,
    groupHeartbeatIntervalMs: settings.groupHeartbeatIntervalMs,
    offsetsTopicPartitions: settings.offsetsTopicPartitions,
    warnings,
  };
}

function checkControllerInQuorum(nodeId: number, controllerListen: HostPort, quorum: readonly QuorumVoter[]): void {
  const own = quorum.find((voter) => voter.id === nodeId);
  if (own === undefined) {
    throw new ConfigError(`invalid --controller-quorum: node id ${nodeId} is not one of its voters (${quorum.map((voter) => voter.id).join(', ')}); a controller must be a voter`);
  }
  if (own.port !== controllerListen.port) {
    throw new ConfigError(`invalid --controller-listen: port ${controllerListen.port} differs from this node's quorum entry ${own.id}@${formatHostPort(own)}`);
  }
}

function checkDistinctVoterAddresses(quorum: readonly QuorumVoter[]): void {
  for (const [index, voter] of quorum.entries()) {
    const other = quorum.slice(0, index).find((earlier) => earlier.host === voter.host && earlier.port === voter.port && voter.port !== 0);
    if (other !== undefined) throw new ConfigError(`invalid --controller-quorum: voters ${other.id} and ${voter.id} share ${formatHostPort(voter)}`);
  }
}

/** Two listeners collide when they share a fixed port and a host, or one is a wildcard. */
function sameListener(left: HostPort, right: HostPort): boolean {
  const wildcard = (host: string) => host === '0.0.0.0' || host === '::';
  return left.port !== 0 && left.port === right.port && (left.host === right.host || wildcard(left.host) || wildcard(right.host));
}

/** Parses a comma-separated list of HOST:PORT, as `--controller` and `--bootstrap` take. */
export function parseHostPortList(raw: string): HostPort[] {
  const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) throw new Error('expected HOST:PORT[,HOST:PORT...]');
  return items.map((item) => {
    try {
      return parseHostPort(item);
    } catch (error) {
      throw new Error(`"${item}": ${(error as Error).message}`);
    }
  });
}

function hostPortSetting(flag: string, description: string, defaultValue: HostPort | undefined): Setting<HostPort> {
  return { flag, description, defaultValue, parse: parseHostPort };
}

export interface QuorumVoter extends HostPort {
  readonly id: number;
}

/** Parses KRaft's voter list: `1@host:port,2@host:port,3@host:port`. */
export function parseQuorumVoters(raw: string): QuorumVoter[] {
  const voters = raw.split(',').map((item) => item.trim()).filter((item) => item !== '').map((item) => {
    const at = item.indexOf('@');
    const id = Number(item.slice(0, at));
    if (at <= 0 || !Number.isSafeInteger(id) || id < 0) throw new Error(`"${item}" is not ID@HOST:PORT`);
    return { id, ...parseHostPort(item.slice(at + 1)) };
  });
  if (voters.length === 0) throw new Error('expected at least one ID@HOST:PORT');
  if (new Set(voters.map((voter) => voter.id)).size !== voters.length) throw new Error('voter ids must be unique');
  return voters;
}

function quorumSetting(flag: string, description: string, defaultValue: QuorumVoter[] | undefined): Setting<QuorumVoter[]> {
  return { flag, description, defaultValue, parse: parseQuorumVoters };
}

/** A setting that may stay unset: its default is `null`, a given value is parsed as usual. */
function nullable<T>(setting: Setting<T>): Setting<T | null> {
  return { flag: setting.flag, description: setting.description, defaultValue: null, parse: (raw) => setting.parse(raw) };
}

function clusterIdSetting(): Setting<string> {
  return {
    flag: 'cluster-id',
    description: 'the cluster this node belongs to; every node of a cluster must agree',
    defaultValue: 'samsa-local',
    parse(raw) {
      const value = raw.trim();
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new Error('expected 1 to 64 letters, digits, ".", "_" or "-"');
      return value;
    },
  };
}

function logLevelSetting(): Setting<LogLevel> {
  return {
    flag: 'log-level',
    description: `how much to log: ${LOG_LEVELS.join(', ')}`,
    defaultValue: 'info',
    parse(raw) {
      const value = raw.trim().toLowerCase();
      if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`expected one of ${LOG_LEVELS.join(', ')}`);
      return value as LogLevel;
    },
  };
}

/**
 * The plan from flags (`node-id` → "7"), the environment and the `--config` file (else
 * `SAMSA_CONFIG`), with precedence flags > SAMSA_* > file > defaults. Throws `ConfigError`.
 */
export function loadServerPlan(flags: Readonly<Record<string, string | undefined>>, env: Readonly<Record<string, string | undefined>>): ServerPlan {
  const configFile = flags['config'] ?? env['SAMSA_CONFIG'];
  return planServer(loadConfig(SERVER_SETTINGS, configFile === undefined ? { flags, env } : { flags, env, configFile }));
}
