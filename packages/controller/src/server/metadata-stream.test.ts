import { EventEmitter } from 'node:events';
import { silentLogger } from '@samsa/common';
import { encodeMetadataRecordBatch, type MetadataRecord } from '@samsa/metadata';
import type { ControllerWire } from '@samsa/protocol';
import { MetadataStateMachine } from './metadata-state-machine';
import { type MetadataStreamSource, serveFetchMetadata } from './metadata-stream';

const listeners = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }];
const register = (brokerId: number): MetadataRecord => ({ type: 'RegisterBroker', brokerId, incarnationId: `i${brokerId}`, brokerEpoch: brokerId, listeners, rack: null });

/** A server stream as grpc-js hands it to the handler: records what is written. */
class FakeCall extends EventEmitter {
  readonly written: ControllerWire.FetchMetadataResponse[] = [];
  ended = false;
  cancelled = false;
  constructor(readonly request: { brokerId: number; fromOffset: number }) {
    super();
  }
  write(message: ControllerWire.FetchMetadataResponse): boolean {
    if (this.ended) throw new Error('write after end');
    this.written.push(message);
    return true;
  }
  end(): void {
    this.ended = true;
  }
  cancel(): void {
    this.cancelled = true;
    this.emit('cancelled');
  }
}

class FakeSource implements MetadataStreamSource {
  isActive = true;
  readonly lost = new Set<() => void>();
  leaderAddress() {
    return { id: 2, host: '127.0.0.1', port: 29093 };
  }
  onLeadershipLost(listener: () => void): () => void {
    this.lost.add(listener);
    return () => this.lost.delete(listener);
  }
  loseLeadership(): void {
    this.isActive = false;
    for (const listener of [...this.lost]) listener();
  }
}

function stateMachineWith(count: number): MetadataStateMachine {
  const stateMachine = new MetadataStateMachine();
  for (let brokerId = 1; brokerId <= count; brokerId += 1) commit(stateMachine, [register(brokerId)]);
  return stateMachine;
}

function commit(stateMachine: MetadataStateMachine, records: MetadataRecord[]): void {
  stateMachine.apply({ term: 1, index: Math.max(0, stateMachine.image.lastAppliedOffset) + 1, type: 'normal', data: encodeMetadataRecordBatch(records) });
}

function serve(stateMachine: MetadataStateMachine, source: FakeSource, fromOffset: number) {
  const call = new FakeCall({ brokerId: 7, fromOffset });
  serveFetchMetadata(call as never, stateMachine, source, silentLogger, 100);
  return call;
}

const offsetsOf = (call: FakeCall) => call.written.flatMap((message) => (message.entries ?? []).map((entry) => Number(entry.offset)));

describe('FetchMetadata', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('from a controller that is not the active one, answers NOT_CONTROLLER naming the leader, and ends', () => {
    const source = new FakeSource();
    source.isActive = false;
    const call = serve(stateMachineWith(2), source, 0);
    expect(call.written).toHaveLength(1);
    expect(call.written[0]).toMatchObject({ entries: [], error: { name: 'NOT_CONTROLLER', leader: { id: 2, host: '127.0.0.1', port: 29093 } } });
    expect(call.ended).toBe(true);
  });

  it('streams from the active controller until it loses leadership, then ends with NOT_CONTROLLER', () => {
    const stateMachine = stateMachineWith(2);
    const source = new FakeSource();
    const call = serve(stateMachine, source, 1);
    commit(stateMachine, [register(3)]);
    expect(offsetsOf(call)).toEqual([2, 3]);
    source.loseLeadership();
    expect(call.written.at(-1)).toMatchObject({ error: { name: 'NOT_CONTROLLER', leader: { id: 2 } } });
    expect(call.ended).toBe(true);
    // Entries this controller applies later (as a follower) are not sent on the ended stream.
    expect(() => commit(stateMachine, [register(4)])).not.toThrow();
    expect(source.lost.size).toBe(0);
  });

  it('sends a keepalive carrying the last applied offset while no entry commits, and none while entries flow', () => {
    const stateMachine = stateMachineWith(2);
    const call = serve(stateMachine, new FakeSource(), 2);
    jest.advanceTimersByTime(100);
    expect(call.written).toEqual([expect.objectContaining({ entries: [], lastOffset: 2 })]);
    commit(stateMachine, [register(3)]);
    jest.advanceTimersByTime(100);
    expect(call.written).toHaveLength(2);
    jest.advanceTimersByTime(100);
    expect(call.written.at(-1)).toMatchObject({ entries: [], lastOffset: 3 });
  });

  it('forgets the stream once the broker cancels it', () => {
    const stateMachine = stateMachineWith(1);
    const source = new FakeSource();
    const call = serve(stateMachine, source, 0);
    call.cancel();
    commit(stateMachine, [register(2)]);
    jest.advanceTimersByTime(1000);
    expect(call.written).toHaveLength(1);
    expect(source.lost.size).toBe(0);
  });
});
