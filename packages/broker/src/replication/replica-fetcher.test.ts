import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { silentLogger } from '@samsa/common';
import { type ControllerClient, MetadataImage, type MetadataRecord } from '@samsa/metadata';
import { replicationService } from '@samsa/protocol';
import { FetcherManager } from '../server/fetcher-manager';
import { LogManager } from '../server/log-manager';
import { PartitionSignals } from '../server/partition-signals';
import { ReplicaManager } from '../server/replica-manager';
import { ManualClock } from '../time/manual-clock';

/** Broker 2 follows orders-0, led by broker 1 at `port`. */
function image(port: number): MetadataImage {
  const listeners = [{ name: 'client', host: '127.0.0.1', port }];
  const records: MetadataRecord[] = [
    { type: 'RegisterBroker', brokerId: 1, incarnationId: 'i1', brokerEpoch: 1, listeners, rack: null },
    { type: 'RegisterBroker', brokerId: 2, incarnationId: 'i2', brokerEpoch: 2, listeners, rack: null },
    { type: 'Topic', name: 'orders', topicId: 'T1' },
    { type: 'Partition', topicId: 'T1', partition: 0, replicas: [1, 2], isr: [1, 2], leader: 1, leaderEpoch: 0, partitionEpoch: 0, addingReplicas: [], removingReplicas: [] },
  ];
  return records.reduce((current, record) => current.apply(record, current.lastAppliedOffset + 1), MetadataImage.EMPTY);
}

/**
 * A fetcher against a leader that takes requests and never answers: its give-up timer and
 * backoff run on the manual clock. Only the gRPC traffic itself is real.
 */
describe('ReplicaFetcher on a manual clock', () => {
  let dataDirectory: string;
  let logs: LogManager;
  let server: grpc.Server;
  let requests: object[];
  let nextRequest: (() => void) | undefined;
  let clock: ManualClock;
  let fetchers: FetcherManager;

  beforeEach(async () => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-replica-fetcher-'));
    logs = new LogManager({ dataDirectory, logger: silentLogger });
    requests = [];
    server = new grpc.Server();
    server.addService(replicationService().service, {
      Fetch: (call: grpc.ServerDuplexStream<object, object>) => {
        call.on('data', (request: object) => {
          requests.push(request);
          nextRequest?.();
        });
        call.on('error', () => undefined);
      },
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
    clock = new ManualClock();
    const signals = new PartitionSignals(clock);
    const controller = {} as ControllerClient;
    const replicas = new ReplicaManager({ brokerId: 2, logs, signals, controller, brokerEpoch: () => 2, replicaLagTimeMaxMs: 10_000, logger: silentLogger, clock });
    const current = image(port);
    replicas.applyImage(current);
    fetchers = new FetcherManager({ brokerId: 2, replicas, signals, brokerEpoch: () => 2, logger: silentLogger, clock });
    fetchers.update(current);
  });

  afterEach(() => {
    fetchers.stop();
    server.forceShutdown();
    logs.close();
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  const requestArrives = () => new Promise<void>((resolve) => (nextRequest = resolve));
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('gives up on an unanswered request after max wait + 10 s, backs off, and asks again', async () => {
    await requestArrives();
    expect(requests).toHaveLength(1);
    expect(clock.pendingCount).toBe(1); // the give-up timer
    clock.advance(10_499);
    await settle();
    expect(clock.pendingCount).toBe(1);
    clock.advance(1);
    await settle();
    expect(clock.pendingCount).toBe(1); // now the backoff
    // The fetcher's backoff (50 ms) ends at 10 550, but the partition's own (200 ms) lasts
    // until 10 700: the fetcher idles, rechecking every 100 ms, and sends again at 10 750.
    const again = requestArrives();
    clock.advance(50);
    await settle();
    clock.advance(100);
    await settle();
    clock.advance(99);
    await settle();
    expect(requests).toHaveLength(1);
    clock.advance(1);
    await again;
    expect(requests).toHaveLength(2);
  });

  it('leaves nothing scheduled after stop, with a request in flight', async () => {
    await requestArrives();
    expect(clock.pendingCount).toBe(1);
    fetchers.stop();
    expect(clock.pendingCount).toBe(0);
  });

  it('leaves nothing scheduled after stop, while backing off', async () => {
    await requestArrives();
    clock.advance(10_500);
    await settle();
    expect(clock.pendingCount).toBe(1);
    fetchers.stop();
    expect(clock.pendingCount).toBe(0);
  });
});
