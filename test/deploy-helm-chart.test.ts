import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseOptions } from '../packages/cli/src/command-line/option-parser';
import { serverCommand } from '../packages/cli/src/commands/server';
import { loadServerPlan } from '../packages/cli/src/server/server-config';
import { TemplateSet } from './support/go-template';
import { type RenderedChart, loadChart, renderChart } from './support/helm-chart';

/**
 * The Helm chart (deploy/helm/samsa) and the plain manifests rendered from it
 * (deploy/kubernetes): rendered for each layout, every object validated against the
 * Kubernetes OpenAPI schemas (kubernetes-models), unknown fields refused, the wiring between
 * the objects checked, every setting the pods pass to `samsa server` checked against the
 * CLI's own settings table by running the container's entrypoint for each pod, and the
 * checked-in manifests compared with a fresh render.
 *
 * `SAMSA_UPDATE_MANIFESTS=1 npx jest test/deploy-helm-chart.test.ts` (npm run
 * deploy:manifests) rewrites deploy/kubernetes from the chart.
 */

const ROOT = path.resolve(__dirname, '..');
const CHART = path.join(ROOT, 'deploy', 'helm', 'samsa');
const MANIFESTS = path.join(ROOT, 'deploy', 'kubernetes');
const RELEASE = 'samsa';
const NAMESPACE = 'samsa';

type Json = Record<string, unknown>;
type Model = new (data: Json) => { validate(): void };

/** The schema of every kind the chart may render; a new kind must be added here. */
const MODELS: Record<string, Model> = {
  'apps/v1/StatefulSet': StatefulSet as unknown as Model,
  'v1/Service': Service as unknown as Model,
  'v1/ServiceAccount': ServiceAccount as unknown as Model,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as Model,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole as unknown as Model,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding as unknown as Model,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor as unknown as Model,
};

const LAYOUTS = {
  combined: [] as string[],
  split: [path.join(CHART, 'ci', 'split-values.yaml')],
  options: [path.join(CHART, 'ci', 'options-values.yaml')],
};
type Layout = keyof typeof LAYOUTS;

const rendered = new Map<Layout, RenderedChart>();
function render(layout: Layout): RenderedChart {
  let chart = rendered.get(layout);
  if (chart === undefined) {
    chart = renderChart(CHART, { releaseName: RELEASE, namespace: NAMESPACE, valuesFiles: LAYOUTS[layout] });
    rendered.set(layout, chart);
  }
  return chart;
}

function objects(layout: Layout, kind?: string): Json[] {
  return render(layout).documents.map((document) => document.object).filter((object) => kind === undefined || object['kind'] === kind);
}

function at<T = unknown>(object: unknown, ...keys: (string | number)[]): T {
  let value = object;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') throw new Error(`no ${keys.join('.')} (stopped at ${String(key)})`);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value as T;
}

function name(object: Json): string {
  return at<string>(object, 'metadata', 'name');
}

function modelOf(object: Json): Model {
  const key = `${String(object['apiVersion'])}/${String(object['kind'])}`;
  const model = MODELS[key];
  if (model === undefined) throw new Error(`no schema for ${key}: add its kubernetes-models class to MODELS`);
  return model;
}

function validate(object: Json): void {
  new (modelOf(object))(structuredClone(object)).validate();
}

interface ValidationFailure extends Error {
  readonly errors?: readonly { readonly instancePath: string }[];
}

/**
 * The OpenAPI schemas do not forbid unknown fields (the API server prunes or rejects them),
 * so the validators accept a misspelt `imagePullPolicyy`. Every key the object has is probed:
 * replaced by a value no schema type accepts (a Symbol), a field the schema knows is reported
 * at that path; an unknown one is not. Returns the unknown paths.
 */
function unknownFields(object: Json): string[] {
  // The model's validate() checks `this`: called on one working copy, changed in place and
  // put back after each probe (copying the object for every probe is slow).
  const check = modelOf(object).prototype.validate;
  const copy = structuredClone(object);
  const unknown: string[] = [];
  const pointer = (keys: readonly (string | number)[]) => keys.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const probe = (node: Record<string | number, unknown>, keys: (string | number)[]) => {
    for (const key of Array.isArray(node) ? node.map((_, index) => index) : Object.keys(node)) {
      const childKeys = [...keys, key];
      const original = node[key];
      node[key] = Symbol('probe');
      let known = false;
      try {
        check.call(copy);
      } catch (error) {
        known = ((error as ValidationFailure).errors ?? []).some((failure) => failure.instancePath === pointer(childKeys));
      }
      node[key] = original;
      if (!known) unknown.push(pointer(childKeys));
      else if (original !== null && typeof original === 'object') probe(original as Record<string | number, unknown>, childKeys);
    }
  };
  probe(copy as Record<string | number, unknown>, []);
  return unknown;
}

// ---- the pods as Kubernetes would run them --------------------------------------------------

interface PodRun {
  readonly statefulSet: string;
  readonly ordinal: number;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** Kubernetes' $(VAR) expansion (env values, command, args): known names only; $$ is $. */
function expand(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, variable: string | undefined) => {
    if (variable === undefined) return '$';
    return variable in env ? env[variable]! : match;
  });
}

function container(statefulSet: Json, containerName = 'samsa'): Json {
  const pod = at<Json>(statefulSet, 'spec', 'template', 'spec');
  const containers = [...at<Json[]>(pod, 'containers'), ...(at<Json[] | undefined>(pod, 'initContainers') ?? [])];
  const found = containers.find((candidate) => candidate['name'] === containerName);
  if (found === undefined) throw new Error(`${name(statefulSet)} has no container ${containerName}`);
  return found;
}

const RACK_FILE = '/var/run/samsa/rack';
const ZONE = 'zone-b';

/** The environment Kubernetes gives the container of pod `ordinal`, downward API resolved. */
function podEnvironment(statefulSet: Json, ordinal: number, containerName = 'samsa'): Record<string, string> {
  const env: Record<string, string> = {};
  const fieldValues: Record<string, string> = {
    'metadata.name': `${name(statefulSet)}-${ordinal}`,
    'metadata.namespace': NAMESPACE,
    'spec.nodeName': 'node-7',
    "metadata.labels['topology.kubernetes.io/zone']": ZONE,
  };
  for (const variable of at<Json[]>(container(statefulSet, containerName), 'env')) {
    const variableName = variable['name'] as string;
    if (variableName in env) throw new Error(`${name(statefulSet)}: env ${variableName} is set twice`);
    if (typeof variable['value'] === 'string') env[variableName] = expand(variable['value'], env);
    else {
      const fieldPath = at<string>(variable, 'valueFrom', 'fieldRef', 'fieldPath');
      if (!(fieldPath in fieldValues)) throw new Error(`${name(statefulSet)}: env ${variableName} from an unexpected field ${fieldPath}`);
      env[variableName] = fieldValues[fieldPath]!;
    }
  }
  return env;
}

/**
 * Runs the samsa container's command of pod `ordinal` with /bin/sh, the image's `samsa`
 * replaced by a stub that reports the arguments and environment it was started with. The
 * rack file the init container leaves is written first when `rack` is given.
 */
function runEntrypoint(statefulSet: Json, ordinal: number, workDirectory: string, rack: string | undefined): PodRun {
  const samsaContainer = container(statefulSet);
  const env = podEnvironment(statefulSet, ordinal);
  const command = [...at<string[]>(samsaContainer, 'command'), ...(at<string[] | undefined>(samsaContainer, 'args') ?? [])].map((part) => expand(part, env));
  expect(command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  if (IMAGE_ENTRYPOINT !== undefined) expect(command.slice(4)).toEqual(IMAGE_ENTRYPOINT);
  const script = command[2]!;
  expect(script).toContain(RACK_FILE);
  const rackFile = path.join(workDirectory, 'rack');
  fs.rmSync(rackFile, { force: true });
  if (rack !== undefined) fs.writeFileSync(rackFile, rack);
  const stubDirectory = path.join(workDirectory, 'bin');
  fs.mkdirSync(stubDirectory, { recursive: true });
  const argvFile = path.join(workDirectory, 'argv');
  const envFile = path.join(workDirectory, 'env');
  // The image's program (`node`, from image.serverCommand) is the stub.
  fs.writeFileSync(path.join(stubDirectory, path.basename(command[4]!)), `#!/bin/sh\nprintf '%s\\0' "$@" > '${argvFile}'\nenv -0 > '${envFile}'\n`, { mode: 0o755 });
  fs.rmSync(argvFile, { force: true });
  const result = spawnSync('/bin/sh', ['-c', script.replaceAll(RACK_FILE, rackFile), ...command.slice(3)], {
    env: { PATH: `${stubDirectory}:/usr/bin:/bin`, HOSTNAME: `${name(statefulSet)}-${ordinal}`, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0 || !fs.existsSync(argvFile)) throw new Error(`the entrypoint of ${name(statefulSet)}-${ordinal} failed (${result.status}): ${result.stderr}`);
  const nulSeparated = (file: string) => fs.readFileSync(file, 'utf8').split('\0').slice(0, -1);
  const started = {
    argv: nulSeparated(argvFile),
    env: Object.fromEntries(nulSeparated(envFile).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])),
  };
  return { statefulSet: name(statefulSet), ordinal, argv: started.argv, env: started.env };
}

/** What `samsa server` makes of a run: the CLI's own option table and settings loader. */
function planOf(run: PodRun) {
  // argv: what followed the program, e.g. [/opt/samsa/packages/cli/bin/samsa.js, server, ...flags]
  const server = run.argv.indexOf('server');
  expect(server).toBeGreaterThanOrEqual(0);
  const parsed = parseOptions(run.argv.slice(server + 1), serverCommand.options);
  expect(parsed.positionals).toEqual([]);
  const flags = Object.fromEntries(Object.entries(parsed.values).map(([key, value]) => [key, String(value)]));
  return loadServerPlan(flags, run.env);
}

/** deploy/Dockerfile's ENTRYPOINT: the chart must run the same `samsa server` (unchecked while there is no Dockerfile). */
const IMAGE_ENTRYPOINT = ((): string[] | undefined => {
  const dockerfile = path.join(ROOT, 'deploy', 'Dockerfile');
  if (!fs.existsSync(dockerfile)) return undefined;
  const line = fs.readFileSync(dockerfile, 'utf8').split('\n').find((text) => text.startsWith('ENTRYPOINT '));
  if (line === undefined) throw new Error('deploy/Dockerfile has no ENTRYPOINT');
  return JSON.parse(line.slice('ENTRYPOINT '.length)) as string[];
})();

const ACCEPTED_ENV = new Set(serverCommand.options.map((option) => option.env).filter((env): env is string => env !== undefined));
const ACCEPTED_FLAGS = new Set(serverCommand.options.map((option) => `--${option.name}`));

// ---- tests --------------------------------------------------------------------------------

describe.each(Object.keys(LAYOUTS) as Layout[])('the chart, %s', (layout) => {
  test('renders objects that the Kubernetes schemas accept, with no unknown field', () => {
    const all = objects(layout);
    expect(all.length).toBeGreaterThan(4);
    for (const object of all) {
      expect(() => validate(object)).not.toThrow();
      expect({ object: `${String(object['kind'])}/${name(object)}`, unknown: unknownFields(object) }).toEqual({ object: `${String(object['kind'])}/${name(object)}`, unknown: [] });
    }
    const names = all.map((object) => `${String(object['kind'])}/${name(object)}`);
    expect(new Set(names).size).toBe(names.length);
  });

  test('has the objects a Kafka-on-Kubernetes user expects, wired to each other', () => {
    const statefulSets = objects(layout, 'StatefulSet');
    expect(statefulSets.map(name)).toEqual(layout === 'combined' ? ['samsa'] : ['samsa-controller', 'samsa-broker']);
    const services = objects(layout, 'Service');
    const budgets = objects(layout, 'PodDisruptionBudget');
    const serviceAccounts = objects(layout, 'ServiceAccount');
    for (const statefulSet of statefulSets) {
      const podLabels = at<Record<string, string>>(statefulSet, 'spec', 'template', 'metadata', 'labels');
      const selects = (selector: Record<string, string>) => Object.entries(selector).every(([key, value]) => podLabels[key] === value);
      expect(selects(at(statefulSet, 'spec', 'selector', 'matchLabels'))).toBe(true);
      expect(at(statefulSet, 'spec', 'podManagementPolicy')).toBe('Parallel');
      // A headless Service named by serviceName, publishing pods before they are ready.
      const headless = services.find((service) => name(service) === at(statefulSet, 'spec', 'serviceName'));
      expect(headless).toBeDefined();
      expect(at(headless, 'spec', 'clusterIP')).toBe('None');
      expect(at(headless, 'spec', 'publishNotReadyAddresses')).toBe(true);
      expect(selects(at(headless, 'spec', 'selector'))).toBe(true);
      // One disruption budget per StatefulSet.
      expect(budgets.filter((budget) => selects(at(budget, 'spec', 'selector', 'matchLabels')))).toHaveLength(1);
      // The pod: probes on the named HTTP port, data on a claim (or an emptyDir), scrape annotations.
      const pod = at<Json>(statefulSet, 'spec', 'template', 'spec');
      const samsa = container(statefulSet);
      const portNames = at<Json[]>(samsa, 'ports').map((port) => port['name']);
      expect(at(samsa, 'readinessProbe', 'httpGet')).toEqual({ path: '/readyz', port: 'http' });
      expect(at(samsa, 'livenessProbe', 'httpGet')).toEqual({ path: '/healthz', port: 'http' });
      expect(at(samsa, 'startupProbe', 'httpGet')).toEqual({ path: '/healthz', port: 'http' });
      expect(portNames).toContain('http');
      for (const port of at<Json[]>(headless, 'spec', 'ports')) expect(portNames).toContain(port['targetPort']);
      expect(at(samsa, 'resources', 'requests', 'memory')).toBeDefined();
      const annotations = at<Record<string, string>>(statefulSet, 'spec', 'template', 'metadata', 'annotations');
      expect(annotations['prometheus.io/scrape']).toBe('true');
      expect(Number(annotations['prometheus.io/port'])).toBe(at<Json[]>(samsa, 'ports').find((port) => port['name'] === 'http')!['containerPort']);
      const dataMount = at<Json[]>(samsa, 'volumeMounts').find((mount) => mount['name'] === 'data');
      expect(dataMount?.['mountPath']).toBe('/var/lib/samsa');
      const claims = at<Json[] | undefined>(statefulSet, 'spec', 'volumeClaimTemplates') ?? [];
      const volumes = at<Json[]>(pod, 'volumes');
      if (layout === 'options') expect(volumes.find((volume) => volume['name'] === 'data')).toEqual({ name: 'data', emptyDir: {} });
      else expect(claims.map(name)).toEqual(['data']);
      for (const mount of [...at<Json[]>(samsa, 'volumeMounts'), ...((at<Json[] | undefined>(pod, 'initContainers') ?? []).flatMap((init) => at<Json[]>(init, 'volumeMounts')))]) {
        expect([...volumes, ...claims].map((volume) => (volume['name'] ?? name(volume)) as string)).toContain(mount['name']);
      }
      // Anti-affinity between the pods of this StatefulSet.
      const antiAffinity = at<Json>(pod, 'affinity', 'podAntiAffinity');
      const term = layout === 'options' ? at<Json[]>(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution')[0] : at<Json>(at<Json[]>(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution')[0], 'podAffinityTerm');
      expect(selects(at(term, 'labelSelector', 'matchLabels'))).toBe(true);
      expect(at(pod, 'serviceAccountName')).toBe(name(serviceAccounts[0]!));
    }
    // The client Service: the brokers' client port.
    const client = services.find((service) => name(service) === 'samsa');
    const brokerSet = statefulSets[statefulSets.length - 1]!;
    const brokerLabels = at<Record<string, string>>(brokerSet, 'spec', 'template', 'metadata', 'labels');
    expect(Object.entries(at<Record<string, string>>(client, 'spec', 'selector')).every(([key, value]) => brokerLabels[key] === value)).toBe(true);
    expect(at(client, 'spec', 'ports')).toEqual([{ name: 'client', port: 9092, targetPort: 'client', protocol: 'TCP' }]);
    // The rack: an init container with RBAC to read the node, or the pod's own label.
    const rbac = objects(layout).filter((object) => String(object['apiVersion']).startsWith('rbac.'));
    if (layout === 'options') {
      expect(rbac).toEqual([]);
      expect(at(brokerSet, 'spec', 'template', 'spec', 'initContainers')).toBeUndefined();
    } else {
      expect(rbac.map((object) => object['kind'])).toEqual(['ClusterRole', 'ClusterRoleBinding']);
      expect(at(rbac[0], 'rules')).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }]);
      expect(at(rbac[1], 'subjects', 0)).toEqual({ kind: 'ServiceAccount', name: name(serviceAccounts[0]!), namespace: NAMESPACE });
      const init = at<Json[]>(brokerSet, 'spec', 'template', 'spec', 'initContainers');
      expect(init.map((entry) => entry['name'])).toEqual(['rack']);
      expect(at<string[]>(init[0], 'command').join(' ')).toContain(RACK_FILE);
    }
  });

  test('passes `samsa server` only settings it accepts, and every pod gets a valid plan', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-chart-'));
    try {
      const statefulSets = objects(layout, 'StatefulSet');
      const controllerSet = statefulSets[0]!;
      const controllerCount = at<number>(controllerSet, 'spec', 'replicas');
      for (const statefulSet of statefulSets) {
        const samsa = container(statefulSet);
        // Every SAMSA_* variable and every --flag is one the CLI's settings table has.
        for (const variable of at<Json[]>(samsa, 'env')) {
          const variableName = variable['name'] as string;
          if (variableName.startsWith('SAMSA_')) expect({ variable: variableName, accepted: ACCEPTED_ENV.has(variableName) }).toEqual({ variable: variableName, accepted: true });
        }
        for (const part of [...at<string[]>(samsa, 'command'), ...(at<string[] | undefined>(samsa, 'args') ?? [])]) {
          for (const flag of part.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []) expect({ flag, accepted: ACCEPTED_FLAGS.has(flag) }).toEqual({ flag, accepted: true });
        }
        const replicas = at<number>(statefulSet, 'spec', 'replicas');
        const roles = podEnvironment(statefulSet, 0)['SAMSA_ROLES']!;
        const usesRackFile = (at<Json[] | undefined>(statefulSet, 'spec', 'template', 'spec', 'initContainers') ?? []).length > 0;
        for (let ordinal = 0; ordinal < replicas; ordinal += 1) {
          const run = runEntrypoint(statefulSet, ordinal, work, usesRackFile ? ZONE : undefined);
          for (const variable of Object.keys(run.env).filter((key) => key.startsWith('SAMSA_'))) expect(ACCEPTED_ENV.has(variable)).toBe(true);
          const plan = planOf(run);
          const firstNodeId = Number(podEnvironment(statefulSet, ordinal)['FIRST_NODE_ID']);
          expect(plan.nodeId).toBe(firstNodeId + ordinal);
          expect(plan.roles.join(',')).toBe(roles);
          expect(plan.clusterId).toBe('samsa');
          expect(plan.dataDirectory).toBe('/var/lib/samsa');
          expect(plan.quorum).toHaveLength(controllerCount);
          // The voters: the controller pods' DNS names, with their node ids.
          plan.quorum.forEach((voter, index) => {
            expect(voter.host).toBe(`${name(controllerSet)}-${index}.${at<string>(controllerSet, 'spec', 'serviceName')}.${NAMESPACE}.svc.cluster.local`);
            expect(voter.port).toBe(9093);
          });
          if (plan.runBroker) {
            expect(plan.advertisedListen).toEqual({ host: `${run.statefulSet}-${ordinal}.${at<string>(statefulSet, 'spec', 'serviceName')}.${NAMESPACE}.svc.cluster.local`, port: 9092 });
            expect(plan.rack).toBe(ZONE);
          } else {
            expect(plan.rack).toBeNull();
          }
          if (layout === 'options') expect(plan.metadataSnapshotEntries).toBe(5000);
        }
        // A broker on a node without the zone label runs without a rack (not with an empty one).
        if (usesRackFile) expect(planOf(runEntrypoint(statefulSet, 0, work, '')).rack).toBeNull();
      }
      // Node ids are unique across the StatefulSets.
      const ids = statefulSets.flatMap((statefulSet) =>
        Array.from({ length: at<number>(statefulSet, 'spec', 'replicas') }, (_, ordinal) => Number(podEnvironment(statefulSet, ordinal)['FIRST_NODE_ID']) + ordinal),
      );
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

test('NOTES.txt tells how to reach the cluster', () => {
  expect(render('combined').notes).toContain('kubectl -n samsa exec -it samsa-0 -- samsa --controller samsa-0.samsa-headless:9093 topic create demo');
  expect(render('combined').notes).toContain('samsa.samsa.svc.cluster.local:9092');
  expect(render('split').notes).toContain('exec -it samsa-broker-0 -- samsa --controller samsa-controller-0.samsa-controller-headless:9093');
});

test('the chart refuses a layout it does not know, and node id 0', () => {
  expect(() => renderChart(CHART, { releaseName: RELEASE, namespace: NAMESPACE, values: { layout: 'mesh' } })).toThrow(/layout must be "combined" or "split", not "mesh"/);
  expect(() => renderChart(CHART, { releaseName: RELEASE, namespace: NAMESPACE, values: { combined: { firstNodeId: 0 } } })).toThrow(/firstNodeId must be at least 1/);
  expect(() => renderChart(CHART, { releaseName: RELEASE, namespace: NAMESPACE, values: { rack: { source: 'guess' } } })).toThrow(/rack.source must be node-label or pod-label/);
});

test("the rack init container reads its node's zone label from the API server", async () => {
  const statefulSet = objects('combined', 'StatefulSet')[0]!;
  const init = at<Json[]>(statefulSet, 'spec', 'template', 'spec', 'initContainers')[0]!;
  const [node, flag, script] = at<string[]>(init, 'command');
  expect([node, flag]).toEqual(['node', '-e']);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-rack-'));
  try {
    // A stand-in API server on loopback, with a self-signed certificate as the cluster CA.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'ca.crt')], { stdio: 'ignore' });
    fs.writeFileSync(path.join(work, 'token'), 'test-token\n');
    const labels: Record<string, Record<string, string>> = { 'node-7': { 'topology.kubernetes.io/zone': 'eu-west-1b', 'kubernetes.io/hostname': 'node-7' }, 'node-8': {} };
    const requests: string[] = [];
    const server = https.createServer({ key: fs.readFileSync(path.join(work, 'key.pem')), cert: fs.readFileSync(path.join(work, 'ca.crt')) }, (request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      const nodeName = decodeURIComponent((request.url ?? '').replace('/api/v1/nodes/', ''));
      if (request.headers.authorization !== 'Bearer test-token') response.writeHead(401).end('{"reason":"Unauthorized"}');
      else if (nodeName === 'forbidden') response.writeHead(403).end('{"reason":"Forbidden"}');
      else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Node', metadata: { name: nodeName, labels: labels[nodeName] } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const rackFile = path.join(work, 'rack');
    const runInit = async (nodeName: string) => {
      fs.rmSync(rackFile, { force: true });
      const env: Record<string, string> = { ...podEnvironment(statefulSet, 0, 'rack'), NODE_NAME: nodeName, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String((server.address() as AddressInfo).port) };
      const source = script!.replaceAll('/var/run/secrets/kubernetes.io/serviceaccount', work).replaceAll(RACK_FILE, rackFile);
      const { spawn } = await import('node:child_process');
      return new Promise<{ code: number | null; output: string; rack: string | undefined }>((resolve) => {
        const child = spawn(process.execPath, ['-e', source], { env: { PATH: process.env['PATH'] ?? '', ...env } });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => resolve({ code, output, rack: fs.existsSync(rackFile) ? fs.readFileSync(rackFile, 'utf8') : undefined }));
      });
    };
    try {
      expect(await runInit('node-7')).toEqual({ code: 0, output: 'rack eu-west-1b (label topology.kubernetes.io/zone of node node-7)\n', rack: 'eu-west-1b' });
      expect(await runInit('node-8')).toEqual({ code: 0, output: 'node node-8 has no label topology.kubernetes.io/zone: no rack\n', rack: '' });
      const refused = await runInit('forbidden');
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('cannot read node forbidden (HTTP 403)');
      expect(refused.rack).toBeUndefined();
      expect(requests[0]).toBe('GET /api/v1/nodes/node-7 Bearer test-token');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// ---- the renderer against Go's own ---------------------------------------------------------

/**
 * Where Go and Debian's Sprig are installed (apt-get install golang-go
 * golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev), the chart is rendered a
 * second time by Go's text/template with Sprig, set up as Helm's engine
 * (test/support/go-helm-render), and every template's output must be the same text.
 * Elsewhere this is skipped: the other tests do not need Go.
 */
const GOPATH = '/usr/share/gocode';
const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0 && fs.existsSync(path.join(GOPATH, 'src', 'github.com', 'Masterminds', 'sprig'));
(haveGo ? test : test.skip)("our renderer's output is Go text/template's with Sprig, for every template and layout", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-go-render-'));
  try {
    const binary = path.join(work, 'go-helm-render');
    execFileSync('go', ['build', '-o', binary, path.join(__dirname, 'support', 'go-helm-render', 'main.go')], {
      // Go's build cache lives under $HOME; without a HOME (some CI environments) it needs a place.
      env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '', ...(process.env['HOME'] === undefined && process.env['GOCACHE'] === undefined ? { GOCACHE: path.join(work, 'go-cache') } : {}) },
      stdio: 'pipe',
    });
    for (const layout of Object.keys(LAYOUTS) as Layout[]) {
      const input = loadChart(CHART, { releaseName: RELEASE, namespace: NAMESPACE, valuesFiles: LAYOUTS[layout] });
      const render = [...input.manifests, 'templates/NOTES.txt'];
      const json = JSON.stringify({ templates: input.templates, data: input.data, render }, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value));
      const fromGo = JSON.parse(execFileSync(binary, [], { input: json, encoding: 'utf8' })) as Record<string, string>;
      expect(fromGo['error']).toBeUndefined();
      const ours = new TemplateSet();
      for (const [name, source] of Object.entries(input.templates)) ours.add(name, source);
      for (const name of render) expect({ layout, name, output: ours.render(name, input.data) }).toEqual({ layout, name, output: fromGo[name] });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

// ---- the plain manifests ------------------------------------------------------------------

const PLAIN: Record<string, Layout> = { combined: 'combined', split: 'split' };

const HEADER = (layout: string) =>
  [
    `# Samsa, ${layout} layout: rendered from deploy/helm/samsa by \`npm run deploy:manifests\``,
    `# (release "${RELEASE}", namespace "${NAMESPACE}"${LAYOUTS[PLAIN[layout]!].length > 0 ? `, values ${LAYOUTS[PLAIN[layout]!].map((file) => path.relative(ROOT, file)).join(', ')}` : ''}).`,
    '# Do not edit: change the chart and render again. Apply with `kubectl apply -k deploy/kubernetes/' + layout + '`.',
    '',
  ].join('\n');

test.each(Object.keys(PLAIN))('deploy/kubernetes/%s is the chart rendered now', (layout) => {
  const file = path.join(MANIFESTS, layout, 'samsa.yaml');
  const expected = HEADER(layout) + render(PLAIN[layout]!).text;
  if (process.env['SAMSA_UPDATE_MANIFESTS'] === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, expected);
  }
  expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `${file} is missing`).toBe(expected);
});

test('the kustomizations list the rendered manifests', () => {
  const root = parseYaml(fs.readFileSync(path.join(MANIFESTS, 'kustomization.yaml'), 'utf8')) as Json;
  expect(root['resources']).toEqual(['combined']);
  for (const layout of Object.keys(PLAIN)) {
    const kustomization = parseYaml(fs.readFileSync(path.join(MANIFESTS, layout, 'kustomization.yaml'), 'utf8')) as Json;
    expect(kustomization['apiVersion']).toBe('kustomize.config.k8s.io/v1beta1');
    expect(kustomization['kind']).toBe('Kustomization');
    expect(kustomization['namespace']).toBe(NAMESPACE);
    expect(kustomization['resources']).toEqual(['namespace.yaml', 'samsa.yaml']);
    const namespace = parseYaml(fs.readFileSync(path.join(MANIFESTS, layout, 'namespace.yaml'), 'utf8')) as Json;
    expect(namespace).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  }
});

// kubectl is on this project's machines (its `kustomize` is built in); elsewhere this is skipped.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
(kubectl ? test : test.skip).each(['combined', 'split', '.'])('kubectl kustomize deploy/kubernetes/%s builds the rendered objects', (directory) => {
  const output = execFileSync('kubectl', ['kustomize', path.join(MANIFESTS, directory)], { encoding: 'utf8' });
  const built = parseAllDocuments(output).map((document) => document.toJS() as Json);
  const layout = directory === '.' ? 'combined' : PLAIN[directory]!;
  const expected = render(layout).documents.map((document) => `${String(document.object['kind'])}/${name(document.object)}`);
  expect(built.map((object) => `${String(object['kind'])}/${name(object)}`).sort()).toEqual([...expected, `Namespace/${NAMESPACE}`].sort());
  for (const object of built) if (object['kind'] !== 'Namespace') validate(object);
});
