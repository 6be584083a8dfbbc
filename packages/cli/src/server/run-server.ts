import * as fs from 'node:fs';
import * as path from 'node:path';
import { startBrokerServer } from '@samsa/broker';
import { ConfigError, type HealthReport, type HttpEndpoints, type Logger, createLogger, createMetricsRegistry, startHttpEndpoints } from '@samsa/common';
import type { CommandIo } from '../command-line/command';
import { type StartControllerServer, startControllerRole } from './controller-role';
import { formatHostPort } from '@samsa/protocol';
import type { ServerPlan } from './server-config';
import { waitForShutdownSignal, withTimeout } from './shutdown-signals';
import { STARTED_MESSAGE, type StartedPorts } from './started-line';

/** What tests replace: the controller role and the signal that stops the server. */
export interface ServerSeams {
  readonly startController?: StartControllerServer;
  readonly startBroker?: typeof startBrokerServer;
  readonly shutdownSignal?: Promise<string>;
  /** Called once every role and the HTTP endpoints listen, with the bound ports (-1 for a role the node does not run). */
  readonly onStarted?: (ports: { readonly brokerPort: number; readonly controllerPort: number; readonly httpPort: number }) => void;
}

/** A clean stop that takes longer than this is abandoned (exit 1). */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Runs `samsa server` until SIGTERM or SIGINT: the controller role, then /metrics, /healthz
 * and /readyz. Resolves to the exit code: 0 after a clean stop, 1 when a role cannot start
 * (a port in use, a data directory held by another process) or the stop times out. A second
 * signal exits at once with 1.
 */
export async function runServer(plan: ServerPlan, io: CommandIo, seams: ServerSeams = {}): Promise<number> {
  const dataDirectory = prepareDataDirectory(plan.dataDirectory);
  const logger = createLogger({ component: 'server', level: plan.logLevel, bindings: { nodeId: plan.nodeId } });
  for (const warning of plan.warnings) logger.warn({ roles: plan.roles }, warning);
  const registry = createMetricsRegistry({ node_id: String(plan.nodeId) });
  const stopped =
    seams.shutdownSignal ??
    waitForShutdownSignal((signal) => {
      logger.warn({ signal }, 'second signal: exiting without a clean stop');
      process.exit(1);
    });
  const roles: RunningRole[] = [];
  const closeAll = () => withTimeout(Promise.allSettled(roles.map((role) => role.close())), SHUTDOWN_TIMEOUT_MS);
  let controllerPort = -1;
  let brokerPort = -1;
  if (plan.runController) {
    const startController = seams.startController ?? startControllerRole;
    try {
      const controller = await startController({
        nodeId: plan.nodeId,
        clusterId: plan.clusterId,
        dataDirectory,
        listen: { host: plan.controllerListen.host, port: plan.controllerListen.port },
        quorum: plan.quorum.map((voter) => ({ id: voter.id, host: voter.host, port: voter.port })),
        logger,
        registry,
        snapshotEveryEntries: plan.metadataSnapshotEntries,
      });
      controllerPort = controller.port;
      roles.push({ name: 'controller', ...bind(controller) });
    } catch (error) {
      logger.fatal({ err: error }, 'cannot start the controller role');
      io.stderr(`samsa: cannot start the controller on ${formatHostPort(plan.controllerListen)}: ${oneLine(error)}\n`);
      return 1;
    }
  }
  if (plan.runBroker) {
    const startBroker = seams.startBroker ?? startBrokerServer;
    try {
      const broker = await startBroker({
        nodeId: plan.nodeId,
        clusterId: plan.clusterId,
        dataDirectory,
        listen: { host: plan.listen.host, port: plan.listen.port },
        advertised: { host: plan.advertisedListen.host, port: plan.advertisedListen.port },
        rack: plan.rack,
        controllers: plan.quorum.map((voter) => formatHostPort(voter)),
        logger,
        registry,
        groups: { sessionTimeoutMs: plan.groupSessionTimeoutMs, heartbeatIntervalMs: plan.groupHeartbeatIntervalMs },
        offsetsTopicPartitions: plan.offsetsTopicPartitions,
      });
      brokerPort = broker.port;
      // Stop the broker first: its controlled shutdown needs the controllers still up.
      roles.unshift({ name: 'broker', ...bind(broker) });
    } catch (error) {
      logger.fatal({ err: error }, 'cannot start the broker role');
      io.stderr(`samsa: cannot start the broker on ${formatHostPort(plan.listen)}: ${oneLine(error)}\n`);
      await closeAll();
      return 1;
    }
  }

  let http: HttpEndpoints;
  try {
    http = await startHttpEndpoints({ ...plan.httpListen, registry, health: () => combine(roles, 'health'), ready: () => combine(roles, 'ready') });
  } catch (error) {
    logger.fatal({ err: error }, 'cannot serve the HTTP endpoints');
    io.stderr(`samsa: cannot serve --http-listen ${formatHostPort(plan.httpListen)}: ${oneLine(error)}\n`);
    await closeAll();
    return 1;
  }

  // The ports actually bound: a listener given port 0 has an ephemeral one by now.
  const ports: StartedPorts = { ...(plan.runBroker ? { broker: brokerPort } : {}), ...(plan.runController ? { controller: controllerPort } : {}), http: http.address.port };
  startedLogger(logger).info(
    {
      roles: roles.map((role) => role.name),
      clusterId: plan.clusterId,
      listen: plan.runBroker ? formatHostPort({ host: plan.listen.host, port: brokerPort }) : undefined,
      controllerListen: plan.runController ? formatHostPort({ host: plan.controllerListen.host, port: controllerPort }) : undefined,
      httpListen: formatHostPort({ host: http.address.address, port: http.address.port }),
      ports,
      quorum: plan.quorum.map((voter) => `${voter.id}@${formatHostPort(voter)}`).join(','),
      dataDirectory,
    },
    STARTED_MESSAGE,
  );
  seams.onStarted?.({ brokerPort, controllerPort, httpPort: http.address.port });
  const signal = await stopped;
  logger.info({ signal }, 'stopping');
  await http.close();
  // Roles stop in order (broker before controller), each given the rest of the time.
  const outcome = await withTimeout(
    (async () => {
      const results: PromiseSettledResult<void>[] = [];
      for (const role of roles) results.push(...(await Promise.allSettled([role.close()])));
      return results;
    })(),
    SHUTDOWN_TIMEOUT_MS,
  );
  if (outcome === 'timeout') {
    logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'the clean stop took too long; exiting');
    return 1;
  }
  for (const result of outcome) if (result.status === 'rejected') logger.error({ err: result.reason }, 'error while stopping');
  logger.info('stopped');
  return 0;
}

/**
 * The started line is the one record of the ports a node bound when a listener was given
 * port 0 (`LocalCluster` starts its nodes so and reads them from it), so it is written at
 * info whatever the level short of silent: a node at warn (`samsa bench`'s own cluster) still
 * says where it listens.
 */
function startedLogger(logger: Logger): Logger {
  return logger.isLevelEnabled('info') || logger.level === 'silent' ? logger : logger.child({}, { level: 'info' });
}

interface RunningRole {
  readonly name: string;
  health(): HealthReport;
  ready(): HealthReport;
  close(): Promise<void>;
}

function bind(role: { health(): HealthReport; ready(): HealthReport; close(): Promise<void> }) {
  return { health: () => role.health(), ready: () => role.ready(), close: () => role.close() };
}

/** A node is healthy (ready) when every role it runs is. */
function combine(roles: readonly RunningRole[], check: 'health' | 'ready'): HealthReport {
  const reports = roles.map((role) => [role.name, role[check]()] as const);
  const detail: Record<string, unknown> = {};
  for (const [name, report] of reports) Object.assign(detail, name === 'controller' ? report.detail : { [name]: report.detail });
  return { ok: reports.every(([, report]) => report.ok), detail };
}

/** The absolute data directory, created if missing; a failure is a bad --data-dir (exit 2). */
function prepareDataDirectory(raw: string): string {
  const directory = path.resolve(raw);
  try {
    fs.mkdirSync(directory, { recursive: true });
    fs.accessSync(directory, fs.constants.W_OK);
  } catch (error) {
    throw new ConfigError(`invalid --data-dir: cannot use ${directory}: ${oneLine(error)}`);
  }
  return directory;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? '';
}
