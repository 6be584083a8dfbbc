/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that we read. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileRow {
  readonly function: string;
  readonly where: string;
  readonly selfPercent: number;
  readonly selfMs: number;
}

/**
 * Self time per function, heaviest first. `where` is shortened to the package or file so
 * the table reads at a glance (grpc-js, protobufjs, raft-ts file, node internals).
 */
export function summarizeProfile(profile: CpuProfile, limit: number): ProfileRow[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, { function: string; where: string; micros: number }>();
  let totalMicros = 0;
  profile.samples.forEach((sample, position) => {
    const micros = profile.timeDeltas[position] ?? 0;
    const node = byId.get(sample);
    if (node === undefined) return;
    totalMicros += micros;
    const where = shortLocation(node.callFrame.url, node.callFrame.lineNumber);
    const name = node.callFrame.functionName || '(anonymous)';
    const key = `${name} ${where}`;
    const row = selfMicros.get(key) ?? { function: name, where, micros: 0 };
    row.micros += micros;
    selfMicros.set(key, row);
  });
  return [...selfMicros.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, limit)
    .map((row) => ({ function: row.function, where: row.where, selfPercent: Math.round((1000 * row.micros) / totalMicros) / 10, selfMs: Math.round(row.micros / 1000) }));
}

function shortLocation(url: string, lineNumber: number): string {
  if (url === '') return '';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    const packageName = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return `${packageName}:${rest[rest.length - 1]}:${lineNumber + 1}`;
  }
  const parts = url.split('/');
  return `${parts.slice(-2).join('/')}:${lineNumber + 1}`;
}
