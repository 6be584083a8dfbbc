import { parseOptions } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { BENCH_DEFAULTS, benchSettings } from '../commands/bench';
import { consumeSettings, parseOffset } from '../commands/consume';
import { renderBenchTable } from './bench-output';
import { benchResult, type Workload } from './bench-result';
import { LatencyRecorder, summarize } from './stats';
import { recordsPerSend } from './workloads';

const specs = ['records', 'record-size', 'partitions', 'replication-factor', 'acks', 'rate', 'max-seconds', 'json', 'nodes', 'topic', 'bootstrap'].map((name) => ({ name, type: 'string' as const, description: '' }));

describe('latency statistics', () => {
  test('nearest-rank percentiles', () => {
    const samples = Array.from({ length: 1000 }, (_, index) => index + 1);
    expect(summarize(samples)).toEqual({ p50: 500, p99: 990, p999: 999, max: 1000 });
    expect(summarize([])).toBeNull();
  });

  test('the recorder counts a value many times and grows', () => {
    const recorder = new LatencyRecorder();
    recorder.record(1, 5000);
    recorder.record(100);
    expect(recorder.count).toBe(5001);
    expect(recorder.summary()).toEqual({ p50: 1, p99: 1, p999: 1, max: 100 });
  });

  test('records per send: about 64 KiB, at most 100', () => {
    expect(recordsPerSend(100)).toBe(100);
    expect(recordsPerSend(1024)).toBe(64);
    expect(recordsPerSend(1024 * 1024)).toBe(1);
  });
});

describe('bench settings', () => {
  test('defaults: 100000 records of 100 B, 6 partitions, RF 3, acks all, own cluster', () => {
    const settings = benchSettings('produce', parseOptions([], specs));
    expect(settings).toMatchObject({ records: BENCH_DEFAULTS.records, recordSize: 100, partitions: 6, replicationFactor: 3, acks: 'all', rate: undefined, bootstrap: undefined, nodes: 3 });
  });

  test('flags, and what is refused', () => {
    const settings = benchSettings('e2e', parseOptions(['--records', '10', '--acks', '1', '--rate', '500', '--bootstrap', '127.0.0.1:9092', '--json', 'out.json'], specs));
    expect(settings).toMatchObject({ records: 10, acks: 1, rate: 500, bootstrap: ['127.0.0.1:9092'], json: 'out.json' });
    expect(() => benchSettings('produce', parseOptions(['--acks', '0'], specs))).toThrow(/acks=0 has no acknowledgement/);
    expect(() => benchSettings('produce', parseOptions(['--replication-factor', '4'], specs))).toThrow(/more than the 3 nodes/);
    expect(() => benchSettings('e2e', parseOptions(['--record-size', '4'], specs))).toThrow(UsageError);
  });

  test('the table and the DESIGN JSON shape', () => {
    const workload = { name: 'produce 100 B acks=all' } as Workload;
    const result = benchResult(workload, { records: 1000, bytes: 100_000, seconds: 0.5, latencyMs: { p50: 1.5, p99: 12.25, p999: 20, max: 31 }, errors: 0 });
    expect(Object.keys(result)).toEqual(['workload', 'records', 'seconds', 'recordsPerSec', 'mbPerSec', 'latencyMs', 'errors']);
    expect(result).toMatchObject({ records: 1000, seconds: 0.5, recordsPerSec: 2000, mbPerSec: 0.19 });
    const table = renderBenchTable([result]);
    expect(table).toContain('records/s');
    expect(table).toMatch(/produce 100 B acks=all\s*│\s*1,000\s*│\s*0.50\s*│\s*2,000\s*│\s*0.2\s*│\s*1.50\s*│\s*12.3\s*│\s*20.0\s*│\s*31.0\s*│\s*0/);
  });
});

describe('consume settings', () => {
  const consumeSpecs = ['partition', 'offset', 'max-messages', 'timeout-ms', 'group'].map((name) => ({ name, type: 'string' as const, description: '' }));
  const all = [...consumeSpecs, { name: 'from-beginning', type: 'boolean' as const, description: '' }, { name: 'json', type: 'boolean' as const, description: '' }];
  const settings = (...argv: string[]) => consumeSettings(parseOptions(['t', ...argv], all));

  test('from the end by default; --from-beginning; --partition with --offset', () => {
    expect(settings()).toEqual({ topic: 't', partition: undefined, start: 'latest', maxMessages: undefined, timeoutMs: undefined, json: false });
    expect(settings('--from-beginning', '--max-messages', '5', '--timeout-ms', '100', '--json')).toMatchObject({ start: 'earliest', maxMessages: 5, timeoutMs: 100, json: true });
    expect(settings('--partition', '2', '--offset', '17')).toMatchObject({ partition: 2, start: 17n });
  });

  test('--group: a group id, without --partition or --offset', () => {
    expect(settings('--group', 'billing', '--from-beginning')).toMatchObject({ group: 'billing', start: 'earliest', partition: undefined });
    expect(() => settings('--group', 'bad id')).toThrow('invalid --group');
    expect(() => settings('--group', 'g', '--partition', '0')).toThrow('leave out --partition and --offset');
  });

  test('refusals: --offset without --partition, --offset with --from-beginning, bad offsets', () => {
    expect(() => settings('--offset', '3')).toThrow('consume --offset needs --partition');
    expect(() => settings('--partition', '0', '--offset', '3', '--from-beginning')).toThrow(UsageError);
    expect(() => parseOffset('-1')).toThrow(UsageError);
    expect(parseOffset('earliest')).toBe('earliest');
  });
});
