import { PassThrough } from 'node:stream';
import { GLOBAL_OPTIONS } from '../command-line/global-options';
import { parseOptions } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { benchPartitionsCommand, partitionsBenchSettings } from '../commands/bench';
import type { PartitionsBenchResult } from './bench-result';
import { LogLineCounter, messageOf } from './log-line-counter';
import { countPartitions, mostLeadingNode, partitionsWorkload } from './partitions-bench';
import { renderPartitionsTable } from './partitions-output';
import { cpuTicksOfStat, rssKibOfStatus } from './process-usage';

const settings = (...argv: string[]) => partitionsBenchSettings(parseOptions(argv, [...benchPartitionsCommand.options, ...GLOBAL_OPTIONS]));

describe('bench partitions settings', () => {
  test('--count is required; 3 nodes and 30 idle seconds by default', () => {
    expect(settings('--count', '1000')).toEqual({ count: 1000, nodes: 3, idleSeconds: 30, json: undefined });
    expect(settings('--count=50', '--nodes', '5', '--idle-seconds', '5', '--json', 'out/p.json')).toEqual({ count: 50, nodes: 5, idleSeconds: 5, json: 'out/p.json' });
    expect(() => settings()).toThrow('bench partitions needs --count N');
  });

  test('refuses counts and node numbers it cannot run, and an existing cluster', () => {
    expect(() => settings('--count', '0')).toThrow('invalid --count');
    expect(() => settings('--count', '1.5')).toThrow(UsageError);
    expect(() => settings('--count', '100001')).toThrow('invalid --count');
    // Two combined nodes are two controllers: the kill would leave no quorum to move leaders.
    expect(() => settings('--count', '10', '--nodes', '2')).toThrow('invalid --nodes: expected an integer in [3, 5]');
    expect(() => settings('--count', '10', '--idle-seconds', '0')).toThrow('invalid --idle-seconds');
    expect(() => settings('--count', '10', '-b', '127.0.0.1:9092')).toThrow('always starts its own cluster');
    expect(() => settings('--count', '10', '--records', '5')).toThrow('unknown option --records');
  });

  test('the workload names the count and replication factor 3', () => {
    expect(partitionsWorkload({ count: 10_000, nodes: 3, idleSeconds: 30, json: undefined })).toMatchObject({ name: 'partitions 10,000 RF 3', kind: 'partitions', partitions: 10_000, replicationFactor: 3, brokers: 3, cluster: 'own' });
  });
});

describe('partition states', () => {
  const partition = (index: number, leader: number, isr: number[], replicas = [1, 2, 3]) => ({ partition: index, leader, leaderEpoch: 0, replicas, isr });

  test('a partition counts as full when it has a leader and every replica in its ISR, in any order', () => {
    const partitions = [partition(0, 1, [3, 1, 2]), partition(1, 2, [2, 3]), partition(2, -1, [1, 2, 3]), partition(3, 3, [1, 2, 3])];
    expect(countPartitions(partitions)).toEqual({ led: 3, fullIsr: 2, isrSizes: new Map([[3, 3], [2, 1]]) });
  });

  test('the victim leads the most partitions; the lowest id wins a tie', () => {
    expect(mostLeadingNode([partition(0, 2, []), partition(1, 3, []), partition(2, 3, []), partition(3, -1, [])])).toBe(3);
    expect(mostLeadingNode([partition(0, 2, []), partition(1, 1, [])])).toBe(1);
    expect(() => mostLeadingNode([partition(0, -1, [])])).toThrow('no partition has a leader');
  });
});

describe('/proc readers', () => {
  test('utime + stime after a command name with spaces and parentheses', () => {
    const stat = '4242 (node (main) x) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 567 0 0 20 0 11 0 100 1432492 24000 18446744073709551615';
    expect(cpuTicksOfStat(stat)).toBe(1234 + 567);
  });

  test('VmRSS in KiB', () => {
    expect(rssKibOfStatus('Name:\tnode\nVmPeak:\t 1432492 kB\nVmRSS:\t  107520 kB\nThreads:\t11\n')).toBe(107_520);
    expect(() => rssKibOfStatus('Name:\tnode\nState:\tZ (zombie)\n')).toThrow('no VmRSS');
  });
});

describe('log line counter', () => {
  test('counts whole lines across chunks, only while attached, and ranks messages', () => {
    const stream = new PassThrough();
    const counter = new LogLineCounter();
    counter.attach(stream);
    stream.write('{"level":40,"msg":"fetch failed"}\n{"level":40,"ms');
    stream.write('g":"fetch failed"}\n{"level":50,"msg":"disk full"}\nplain text\n\n');
    counter.detach();
    stream.write('{"level":40,"msg":"after detach"}\n');
    expect(counter.lines).toBe(4);
    expect(counter.topMessages(2)).toEqual([{ msg: 'warn: fetch failed', count: 2 }, { msg: 'error: disk full', count: 1 }]);
    expect(messageOf('{not json')).toBe('{not json');
    expect(messageOf('{"level":40,"partition":"t-1","error":"NOT_CONTROLLER","action":"retry","msg":"AlterPartition failed"}')).toBe('warn: AlterPartition failed (error=NOT_CONTROLLER action=retry)');
    expect(messageOf('{"level":50,"err":{"type":"Error","message":"boom"},"msg":"handling failed"}')).toBe('error: handling failed (err=boom)');
  });
});

describe('bench partitions table', () => {
  const base: PartitionsBenchResult = {
    workload: partitionsWorkload({ count: 3000, nodes: 3, idleSeconds: 30, json: undefined }),
    seconds: 700,
    createSeconds: 0.9,
    createRetried: false,
    allLedFullIsrSeconds: null,
    idle: null,
    failover: null,
    rejoin: null,
    failure: { step: 'all-led-full-isr', message: '2,345 of 3,000 partitions led with a full ISR after the deadline of 600 s' },
    runLog: [],
  };

  test('a missed step shows MISSED and the steps after it "-"', () => {
    const table = renderPartitionsTable(base);
    expect(table).toMatch(/create s\s*│\s*0.90/);
    expect(table).toMatch(/all led \+ full ISR s\s*│\s*MISSED/);
    expect(table).toMatch(/idle CPU % of a core\s*│\s*-\s*│\s*-\s*│\s*-/);
    expect(table).toMatch(/back in every ISR s\s*│\s*-/);
  });

  test('a finished run shows every figure, per node where it is per node', () => {
    const idle = [1, 2, 3].map((node) => ({ node, cpuPercent: 44 + node, rssMiB: 150.4, logLinesPerSec: 0.5, openFds: 3100, topLogMessages: [] }));
    const table = renderPartitionsTable({ ...base, failure: null, allLedFullIsrSeconds: 5.4, idle, failover: { node: 2, wasControllerLeader: true, partitionsLed: 1000, leadershipsMovedSeconds: 3.25, offlineAfterKill: 0 }, rejoin: { partitionsReplicated: 3000, backInEveryIsrSeconds: 12 } });
    expect(table).toMatch(/idle CPU % of a core\s*│\s*45.0\s*│\s*46.0\s*│\s*47.0/);
    expect(table).toMatch(/open fds\s*│\s*3,100/);
    expect(table).toMatch(/leaderships moved s\s*│\s*3.25 \(node 2, controller leader, led 1,000\)/);
    expect(table).toMatch(/offline after kill\s*│\s*0/);
    expect(table).toMatch(/back in every ISR s\s*│\s*12.00 \(3,000 partitions\)/);
  });
});
