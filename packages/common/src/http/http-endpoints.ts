import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** A fresh prom-client registry with Node's process metrics, one per process. */
export function createMetricsRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface HealthReport {
  readonly ok: boolean;
  readonly detail?: Record<string, unknown>;
}

export interface HttpEndpointsOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  /** Liveness: the process works. */
  readonly health: () => HealthReport;
  /** Readiness: the node can take traffic (registered, caught up, ...). */
  readonly ready: () => HealthReport;
}

export interface HttpEndpoints {
  readonly address: AddressInfo;
  close(): Promise<void>;
}

/** Serves `/metrics` (Prometheus text), `/healthz` and `/readyz` (200 or 503 with JSON). */
export async function startHttpEndpoints(options: HttpEndpointsOptions): Promise<HttpEndpoints> {
  const server = http.createServer((request, response) => {
    void respond(options, request.url ?? '/', response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    address: server.address() as AddressInfo,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function respond(options: HttpEndpointsOptions, url: string, response: http.ServerResponse): Promise<void> {
  const path = url.split('?')[0];
  if (path === '/metrics') {
    const body = await options.registry.metrics();
    response.writeHead(200, { 'content-type': options.registry.contentType });
    response.end(body);
    return;
  }
  const report = path === '/healthz' ? options.health() : path === '/readyz' ? options.ready() : undefined;
  if (report === undefined) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: `no endpoint ${path}` }));
    return;
  }
  response.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ ok: report.ok, ...report.detail }));
}
