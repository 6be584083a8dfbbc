import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { TemplateSet, type Value } from './go-template';

/**
 * `helm template` for our chart, on the Go-template subset of ./go-template.ts: loads
 * Chart.yaml, values.yaml and the templates, merges the given values over the defaults as
 * Helm does (maps merge key by key, anything else replaces, null removes a key), renders
 * every template that does not start with "_", and orders the objects in Helm's install
 * order. NOTES.txt is not rendered (Helm does not print it with the manifests either).
 */

export interface RenderedDocument {
  /** The template the object came from, e.g. "templates/statefulset.yaml". */
  readonly source: string;
  readonly object: Record<string, unknown>;
  /** Its text as rendered (comments kept). */
  readonly content: string;
}

export interface RenderOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** Values files (paths), merged over values.yaml in order. */
  readonly valuesFiles?: readonly string[];
  /** Values given inline, merged last (as --set-json). */
  readonly values?: Record<string, unknown>;
}

/** Helm's InstallOrder, for the kinds this chart makes (and a few more). */
const INSTALL_ORDER = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList',
  'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList',
  'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod',
  'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's coalescing of values: `override` over `base`. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = key in base ? mergeValues(base[key], value) : value;
  }
  return merged;
}

export interface RenderedChart {
  readonly documents: readonly RenderedDocument[];
  /** The whole output as `helm template` prints it. */
  readonly text: string;
  /** templates/NOTES.txt rendered, as `helm install` prints it; '' without one. */
  readonly notes: string;
}

/** What a renderer is given: the chart's template sources and the data of `{{ . }}`. */
export interface ChartInput {
  /** Template sources by name ("templates/statefulset.yaml"), helpers included. */
  readonly templates: Readonly<Record<string, string>>;
  /** The files rendered to manifests, in order. */
  readonly manifests: readonly string[];
  readonly data: Value;
}

export function loadChart(chartDirectory: string, options: RenderOptions): ChartInput {
  const chart = parseYaml(fs.readFileSync(path.join(chartDirectory, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  let values = parseYaml(fs.readFileSync(path.join(chartDirectory, 'values.yaml'), 'utf8')) as unknown;
  for (const file of options.valuesFiles ?? []) values = mergeValues(values, parseYaml(fs.readFileSync(file, 'utf8')) ?? {});
  if (options.values !== undefined) values = mergeValues(values, options.values);
  const templatesDirectory = path.join(chartDirectory, 'templates');
  const files = fs.readdirSync(templatesDirectory).filter((file) => /\.(ya?ml|tpl|txt)$/.test(file)).sort();
  const templates = Object.fromEntries(files.map((file) => [`templates/${file}`, fs.readFileSync(path.join(templatesDirectory, file), 'utf8')]));
  const data = {
    Values: values,
    Chart: { Name: chart['name'], Version: chart['version'], AppVersion: chart['appVersion'] ?? '', Description: chart['description'] ?? '' },
    Release: { Name: options.releaseName, Namespace: options.namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1n },
  } as unknown as Value;
  const manifests = files.filter((name) => !name.startsWith('_') && /\.ya?ml$/.test(name)).map((file) => `templates/${file}`);
  return { templates, manifests, data };
}

export function renderChart(chartDirectory: string, options: RenderOptions): RenderedChart {
  const input = loadChart(chartDirectory, options);
  const templates = new TemplateSet();
  for (const [name, source] of Object.entries(input.templates)) templates.add(name, source);
  return splitManifests(
    input.manifests.map((source) => ({ source, output: templates.render(source, input.data) })),
    'templates/NOTES.txt' in input.templates ? templates.render('templates/NOTES.txt', input.data) : '',
  );
}

/** Helm's handling of rendered templates: split into documents, parse, order by kind. */
export function splitManifests(outputs: readonly { readonly source: string; readonly output: string }[], notes: string): RenderedChart {
  const documents: RenderedDocument[] = [];
  for (const { source, output } of outputs) {
    // As Helm's SplitManifests: documents separated by "---" lines, blank ones dropped.
    for (const raw of output.split(/(?:^|\s*\n)---\s*/)) {
      const content = raw.trim();
      if (content === '' || content.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#'))) continue;
      const parsed = parseAllDocuments(content);
      const document = parsed[0];
      if (parsed.length !== 1 || document === undefined) throw new Error(`${source}: a document that does not split cleanly on ---\n${content}`);
      if (document.errors.length > 0) throw new Error(`${source} renders invalid YAML: ${document.errors[0]!.message}\n${content}`);
      const object = document.toJS() as unknown;
      if (!isMap(object)) throw new Error(`${source} renders a document that is not an object:\n${content}`);
      documents.push({ source, object, content });
    }
  }
  const rank = (kind: unknown) => {
    const index = INSTALL_ORDER.indexOf(String(kind));
    return index < 0 ? INSTALL_ORDER.length : index;
  };
  const ordered = documents
    .map((document, index) => ({ document, index }))
    .sort((left, right) => rank(left.document.object['kind']) - rank(right.document.object['kind']) || left.index - right.index)
    .map(({ document }) => document);
  return { documents: ordered, text: ordered.map(formatDocument).join(''), notes };
}

/** As `helm template` prints a manifest. */
function formatDocument(document: RenderedDocument): string {
  return `---\n# Source: samsa/${document.source}\n${document.content}\n`;
}
