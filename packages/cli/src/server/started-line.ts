/**
 * The log record `samsa server` writes once every role and the HTTP endpoints listen. Its
 * `ports` field holds the ports the node actually bound (a listener given port 0 binds an
 * ephemeral one), so whoever started the node can learn them from its JSON log: `LocalCluster`
 * starts its nodes on port 0 and reads them from there.
 */
export const STARTED_MESSAGE = 'samsa server started';

/** The bound ports; a role the node does not run is absent. */
export interface StartedPorts {
  readonly broker?: number;
  readonly controller?: number;
  readonly http: number;
}

/** The ports of a started record, given one line of a node's JSON log; undefined for any other line. */
export function startedPortsOf(line: string): StartedPorts | undefined {
  if (!line.includes(STARTED_MESSAGE)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null || (record as { msg?: unknown }).msg !== STARTED_MESSAGE) return undefined;
  const ports = (record as { ports?: unknown }).ports as Record<string, unknown> | undefined;
  if (typeof ports !== 'object' || ports === null || !isPort(ports['http'])) return undefined;
  if (ports['broker'] !== undefined && !isPort(ports['broker'])) return undefined;
  if (ports['controller'] !== undefined && !isPort(ports['controller'])) return undefined;
  return {
    http: ports['http'],
    ...(ports['broker'] === undefined ? {} : { broker: ports['broker'] as number }),
    ...(ports['controller'] === undefined ? {} : { controller: ports['controller'] as number }),
  };
}

function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536;
}
