import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Grafana dashboard of deploy/grafana, and the PromQL it runs. */

export const DASHBOARD_FILE = path.resolve(__dirname, '..', '..', 'deploy', 'grafana', 'dashboards', 'samsa.json');

export interface DashboardQuery {
  /** "<panel title> / <refId>", or "variable <name>". */
  readonly where: string;
  readonly expr: string;
}

interface Panel {
  readonly title?: string;
  readonly type?: string;
  readonly targets?: readonly { readonly refId?: string; readonly expr?: string }[];
  readonly panels?: readonly Panel[];
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly name: string; readonly type: string; readonly query?: unknown; readonly allValue?: string }[] };
}

export function readDashboard(): Dashboard {
  return JSON.parse(fs.readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;
}

/** Every panel's queries, collapsed rows included. */
export function panelQueries(dashboard: Dashboard): DashboardQuery[] {
  const queries: DashboardQuery[] = [];
  const walk = (panels: readonly Panel[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr === undefined) throw new Error(`panel "${panel.title}" has a target without expr`);
        queries.push({ where: `${panel.title ?? '(untitled)'} / ${target.refId ?? '?'}`, expr: target.expr });
      }
      walk(panel.panels ?? []);
    }
  };
  walk(dashboard.panels);
  return queries;
}

/** The template variables' `label_values(METRIC_SELECTOR, LABEL)` queries. */
export function variableQueries(dashboard: Dashboard): { name: string; selector: string; label: string }[] {
  return dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => {
      const text = typeof variable.query === 'string' ? variable.query : (variable.query as { query: string }).query;
      const match = /^label_values\((.+),\s*([a-zA-Z_]+)\)$/.exec(text);
      if (!match) throw new Error(`variable ${variable.name}: only label_values(selector, label) is supported, got ${text}`);
      return { name: variable.name, selector: match[1]!, label: match[2]! };
    });
}

/**
 * A query as Prometheus gets it: the dashboard's variables replaced the way Grafana
 * replaces them with "All" selected ($job, $topic: .*) and the rate window given.
 */
export function substitute(expr: string, rateInterval: string, values: Readonly<Record<string, string>> = {}): string {
  return expr.replace(/\$(__rate_interval|__interval|[a-z_]+)\b/g, (match, name: string) => {
    if (name === '__rate_interval' || name === '__interval') return rateInterval;
    if (name in values) return values[name]!;
    return '.*';
  });
}

/** The metric names a query reads: identifiers followed by a selector, a range or the end of a call argument. */
export function metricNames(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const words = withoutStrings.match(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*[{[)])/g) ?? [];
  const notMetrics = new Set(['sum', 'max', 'min', 'avg', 'count', 'rate', 'increase', 'irate', 'histogram_quantile', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'label_values']);
  return [...new Set(words.filter((word) => !notMetrics.has(word)))];
}
