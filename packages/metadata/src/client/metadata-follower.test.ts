import { EventEmitter } from 'node:events';
import type { ControllerWire } from '@samsa/protocol';
import { MetadataImage } from '../metadata-image';
import { encodeMetadataRecordBatch } from '../record-codec';
import type { MetadataRecord } from '../records';
import type { ControllerClient } from './controller-client';
import { MetadataFollower } from './metadata-follower';

const listeners = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }];
const register = (brokerId: number): MetadataRecord => ({ type: 'RegisterBroker', brokerId, incarnationId: `i${brokerId}`, brokerEpoch: brokerId, listeners, rack: null });

/** What grpc-js's ClientReadableStream does that the follower uses: events, and cancel. */
class FakeStream extends EventEmitter {
  cancelled = false;
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.emit('error', Object.assign(new Error('1 CANCELLED: Cancelled on client'), { code: 1 }));
  }
  send(message: Partial<ControllerWire.FetchMetadataResponse__Output>): void {
    this.emit('data', { snapshot: Buffer.alloc(0), snapshotOffset: 0, entries: [], error: null, lastOffset: 0, ...message });
  }
}

/** A ControllerClient whose streams the test drives; `moveAwayFrom` behaves like the real one for two controllers. */
class FakeClient {
  currentAddress = 'c1:9093';
  readonly opened: { address: string; fromOffset: number; stream: FakeStream }[] = [];
  readonly moves: { from: string; leader: ControllerWire.NodeAddress__Output | null }[] = [];
  fetchMetadata(request: { fromOffset: number }): FakeStream {
    const stream = new FakeStream();
    this.opened.push({ address: this.currentAddress, fromOffset: request.fromOffset, stream });
    return stream;
  }
  moveAwayFrom(from: string, leader: ControllerWire.NodeAddress__Output | null = null): void {
    this.moves.push({ from, leader });
    if (leader !== null) this.currentAddress = `${leader.host}:${leader.port}`;
    else if (this.currentAddress === from) this.currentAddress = from === 'c1:9093' ? 'c2:9093' : 'c1:9093';
  }
  get last(): FakeStream {
    return this.opened[this.opened.length - 1]!.stream;
  }
}

const quiet = { error: () => undefined, debug: () => undefined };

function follower(client: FakeClient, idleTimeoutMs = 3000) {
  const follower = new MetadataFollower({ brokerId: 7, client: client as unknown as ControllerClient, logger: quiet, idleTimeoutMs });
  follower.start();
  return follower;
}

/** A snapshot of brokers 1..count at offset count. */
function snapshotOf(count: number) {
  let image = MetadataImage.EMPTY;
  for (let brokerId = 1; brokerId <= count; brokerId += 1) image = image.apply(register(brokerId), brokerId);
  return { snapshot: Buffer.from(image.toSnapshot()), snapshotOffset: image.lastAppliedOffset };
}

describe('MetadataFollower', () => {
  let running: MetadataFollower | undefined;
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    running?.stop();
    running = undefined;
    jest.useRealTimers();
  });

  it('follows the stream: a snapshot, then entries', () => {
    const client = new FakeClient();
    running = follower(client);
    client.last.send(snapshotOf(2));
    client.last.send({ entries: [{ offset: 3, records: Buffer.from(encodeMetadataRecordBatch([register(3)])) }] });
    expect(running.image.lastAppliedOffset).toBe(3);
    expect(running.image.broker(3)).toBeDefined();
  });

  it('reopens a stream that has carried nothing for the idle timeout, from its last applied offset', () => {
    const client = new FakeClient();
    running = follower(client, 3000);
    client.last.send(snapshotOf(3));
    // The controller hangs (or the connection died without a word): no end, no error.
    jest.advanceTimersByTime(2999);
    expect(client.opened).toHaveLength(1);
    jest.advanceTimersByTime(1 + 1000);
    expect(client.opened).toHaveLength(2);
    expect(client.opened[0]!.stream.cancelled).toBe(true);
    expect(client.opened[1]).toMatchObject({ fromOffset: 3, address: 'c2:9093' });
  });

  it('keeps a stream that carries keepalives', () => {
    const client = new FakeClient();
    running = follower(client, 3000);
    client.last.send(snapshotOf(3));
    for (let second = 0; second < 20; second += 1) {
      jest.advanceTimersByTime(1000);
      client.last.send({ lastOffset: 3 });
    }
    expect(client.opened).toHaveLength(1);
  });

  it('follows a NOT_CONTROLLER answer to the leader it names', () => {
    const client = new FakeClient();
    running = follower(client);
    client.last.send(snapshotOf(2));
    const leader = { id: 3, host: 'c3', port: 9093 };
    client.last.send({ error: { code: 41, name: 'NOT_CONTROLLER', message: 'not the active controller', leader } });
    expect(client.moves).toEqual([{ from: 'c1:9093', leader }]);
    jest.advanceTimersByTime(1000);
    expect(client.opened).toHaveLength(2);
    expect(client.opened[1]).toMatchObject({ address: 'c3:9093', fromOffset: 2 });
  });

  it('reopens when a keepalive says the controller has applied entries this broker never received', () => {
    const client = new FakeClient();
    running = follower(client);
    client.last.send(snapshotOf(2));
    client.last.send({ lastOffset: 2 });
    jest.advanceTimersByTime(100);
    expect(client.opened).toHaveLength(1);
    client.last.send({ lastOffset: 5 });
    jest.advanceTimersByTime(1000);
    expect(client.opened).toHaveLength(2);
    expect(client.opened[1]).toMatchObject({ fromOffset: 2, address: 'c1:9093' });
  });
});
