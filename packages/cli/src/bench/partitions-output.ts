import Table from 'cli-table3';
import type { NodeIdleFigures, PartitionsBenchResult, PartitionsStep } from './bench-result';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The workload in one line, as DESIGN.md asks a benchmark to state it. */
export function partitionsWorkloadLine(result: PartitionsBenchResult): string {
  const workload = result.workload;
  return (
    `Workload: ${workload.brokers} combined nodes started on 127.0.0.1 for this run (log level ${workload.nodeLogLevel}); ` +
    `topic ${workload.topic} of ${number.format(workload.partitions)} partitions, replication factor ${workload.replicationFactor}, no records; ` +
    `idle window ${workload.idleSeconds} s; the node leading the most partitions is SIGKILLed, then restarted.\n`
  );
}

/**
 * One row a figure; the per-node figures of the idle window get a column a node. A figure
 * whose step missed its deadline shows MISSED (the reason follows on stderr), one never
 * reached shows "-".
 */
export function renderPartitionsTable(result: PartitionsBenchResult): string {
  const nodeIds = Array.from({ length: result.workload.brokers }, (_, index) => index + 1);
  const table = new Table({
    head: ['', ...nodeIds.map((id) => `node ${id}`)],
    colAligns: ['left', ...nodeIds.map(() => 'right' as const)],
    style: { head: [], border: [] },
  });
  const missed = result.failure?.step;
  const whole = (label: string, value: string) => table.push([label, { colSpan: nodeIds.length, content: value, hAlign: 'right' }]);
  const perNode = (label: string, value: (figures: NodeIdleFigures) => string) =>
    table.push([label, ...nodeIds.map((id) => {
      const figures = result.idle?.find((node) => node.node === id);
      return figures === undefined ? shown(null, 'idle', missed) : value(figures);
    })]);
  const failover = result.failover;
  whole('partitions', `${number.format(result.workload.partitions)} (RF ${result.workload.replicationFactor})`);
  whole('create s', shown(result.createSeconds, 'create', missed) + (result.createRetried ? ' (retried)' : ''));
  whole('all led + full ISR s', shown(result.allLedFullIsrSeconds, 'all-led-full-isr', missed));
  perNode('idle CPU % of a core', (figures) => oneDecimal.format(figures.cpuPercent));
  perNode('RSS MiB', (figures) => number.format(figures.rssMiB));
  perNode(`idle log lines/s (${result.workload.nodeLogLevel}+)`, (figures) => figures.logLinesPerSec.toFixed(2));
  perNode('open fds', (figures) => number.format(figures.openFds));
  const victim = failover === null ? '' : ` (node ${failover.node}${failover.wasControllerLeader ? ', controller leader,' : ''} led ${number.format(failover.partitionsLed)})`;
  whole('leaderships moved s', shown(failover?.leadershipsMovedSeconds ?? null, 'failover', missed) + victim);
  const offline = failover?.offlineAfterKill ?? null;
  whole('offline after kill', offline === null ? shown(null, 'failover', missed) : number.format(offline));
  const rejoin = result.rejoin;
  whole('back in every ISR s', shown(rejoin?.backInEveryIsrSeconds ?? null, 'rejoin', missed) + (rejoin === null ? '' : ` (${number.format(rejoin.partitionsReplicated)} partitions)`));
  return `${table.toString()}\n`;
}

function shown(seconds: number | null, step: PartitionsStep, missed: PartitionsStep | undefined): string {
  if (seconds !== null) return seconds.toFixed(2);
  return step === missed ? 'MISSED' : '-';
}
