import * as fs from 'node:fs';
import * as path from 'node:path';
import { Registry } from 'prom-client';
import { parse as parseYaml } from 'yaml';
import { BrokerMetrics } from '../packages/broker/src/server/broker-metrics';
import { createMetricsRegistry } from '../packages/common/src/http/http-endpoints';
import { RaftMetrics } from '../packages/raft-ts/src/node/raft-metrics';
import { metricNames, panelQueries, readDashboard, variableQueries } from './support/grafana-dashboard';

/**
 * deploy/grafana without running anything: the dashboard reads only metrics that a node
 * registers (taken from the metric classes themselves), its variables are used, and the
 * monitoring compose file points at files that exist and at the root compose file's nodes.
 * `npm run test:monitoring` (test/grafana-dashboard.prometheus.ts) runs every query against a
 * real Prometheus scraping a real cluster.
 */

const ROOT = path.resolve(__dirname, '..');

/** What a combined node's registry holds: the broker's metrics, the controller's Raft metrics, Node's process metrics. */
async function registeredMetricNames(): Promise<Set<string>> {
  const registry: Registry = createMetricsRegistry({ node_id: '1' });
  new BrokerMetrics(registry, { replicas: () => [], image: () => undefined });
  const controllerServer = fs.readFileSync(path.join(ROOT, 'packages', 'controller', 'src', 'server', 'controller-server.ts'), 'utf8');
  const prefix = /new RaftMetrics\([^,]+,\s*'([a-z_]+)'\)/.exec(controllerServer)?.[1];
  expect(prefix).toBeDefined();
  new RaftMetrics(registry, prefix);
  const names = new Set<string>(['up']);
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (metric.type === ('histogram' as unknown as typeof metric.type)) for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
  }
  registry.clear();
  return names;
}

test('the dashboard queries only metrics that the nodes export', async () => {
  const dashboard = readDashboard();
  expect(dashboard.uid).toBe('samsa-overview');
  const known = await registeredMetricNames();
  const queries = panelQueries(dashboard);
  expect(queries.length).toBeGreaterThan(20);
  const unknown = queries.flatMap((query) => metricNames(query.expr).filter((metric) => !known.has(metric)).map((metric) => `${query.where}: ${metric}`));
  expect(unknown).toEqual([]);
  for (const variable of variableQueries(dashboard)) {
    for (const metric of metricNames(variable.selector.includes('{') ? variable.selector : `${variable.selector}{}`)) expect(known.has(metric)).toBe(true);
  }
  // The broker and controller metric families all appear somewhere on the dashboard.
  const used = new Set(queries.flatMap((query) => metricNames(query.expr)));
  const families = [...known].filter((metric) => metric.startsWith('samsa_') && !/_(sum|count)$/.test(metric) && !(metric.endsWith('_seconds') && known.has(`${metric}_bucket`)));
  expect(families.filter((metric) => !used.has(metric))).toEqual([]);
});

test('every panel reads the datasource variable and every variable is used', () => {
  const dashboard = readDashboard();
  const text = JSON.stringify(dashboard.panels);
  const unused = dashboard.templating.list.filter((variable) => !text.includes(`$${variable.name}`) && !text.includes(`\${${variable.name}}`));
  expect(unused.map((variable) => variable.name)).toEqual([]);
  for (const query of panelQueries(dashboard)) expect(query.expr).toMatch(/job=~"\$job"/);
});

test('the monitoring compose file starts Prometheus and Grafana beside the root compose file', () => {
  const compose = parseYaml(fs.readFileSync(path.join(ROOT, 'deploy', 'docker-compose.monitoring.yml'), 'utf8')) as { services: Record<string, { image: string; volumes: string[] }> };
  expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'prometheus']);
  expect(compose.services['prometheus']!.image).toMatch(/^\$\{PROMETHEUS_IMAGE:-.+\}$/);
  expect(compose.services['grafana']!.image).toMatch(/^\$\{GRAFANA_IMAGE:-.+\}$/);
  // Paths are relative to the first compose file given: the root one.
  for (const service of Object.values(compose.services)) {
    for (const volume of service.volumes) {
      const source = volume.split(':')[0]!;
      if (source.startsWith('.')) expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
    }
  }
  const datasource = parseYaml(fs.readFileSync(path.join(ROOT, 'deploy', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as { datasources: { url: string }[] };
  expect(datasource.datasources[0]!.url).toBe('http://prometheus:9090');
  // Prometheus scrapes the root compose file's nodes on their HTTP ports.
  const rootComposeFile = path.join(ROOT, 'docker-compose.yml');
  if (!fs.existsSync(rootComposeFile)) return;
  const rootCompose = parseYaml(fs.readFileSync(rootComposeFile, 'utf8'), { merge: true }) as { services: Record<string, { environment?: Record<string, string> }> };
  const nodes = Object.entries(rootCompose.services).flatMap(([service, definition]) => {
    const listen = definition.environment?.['SAMSA_HTTP_LISTEN'];
    if (listen === undefined) return [];
    // "0.0.0.0:${SAMSA1_HTTP_PORT:-9644}" or "0.0.0.0:9644": the default port.
    const port = /:(?:\$\{[A-Z0-9_]+:-)?(\d+)\}?$/.exec(listen)?.[1];
    return [`${service}:${port ?? '?'}`];
  });
  expect(nodes.length).toBeGreaterThanOrEqual(3);
  const prometheus = parseYaml(fs.readFileSync(path.join(ROOT, 'deploy', 'grafana', 'prometheus.yml'), 'utf8')) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
  const job = prometheus.scrape_configs.find((config) => config.job_name === 'samsa');
  expect(job?.static_configs.flatMap((config) => config.targets).sort()).toEqual(nodes.sort());
});
