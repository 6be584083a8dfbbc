/**
 * A network address as `host:port`, in the forms flags, config files and gRPC targets use.
 * Brokers, controllers, their clients and the CLI all parse and print addresses, so the
 * parser lives here, in the one package every side shares.
 */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port` (IPv6 as `[::1]:9092`); port 0 means "any free port". Throws a plain
 * `Error` saying what was expected; the caller adds which setting or address it was.
 */
export function parseHostPort(raw: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(raw.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new Error('expected HOST:PORT with a port from 0 to 65535');
  return { host: match[1] ?? match[2]!, port };
}

/** The inverse of `parseHostPort`: `host:port`, with brackets around an IPv6 host. */
export function formatHostPort(address: HostPort): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
