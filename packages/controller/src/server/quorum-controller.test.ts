import { silentLogger } from '@samsa/common';
import type { MetadataImage, PartitionState } from '@samsa/metadata';
import type { ControllerWire } from '@samsa/protocol';
import { alterPartition } from '../controller-logic/alter-partition';
import { fenceBroker } from '../controller-logic/broker-fencing';
import { clusterOf, partitionOf, withTopic } from '../test-support/cluster';
import { FakeRaft } from '../test-support/fake-raft';
import { controllerHandlers } from './controller-service';
import { QuorumController } from './quorum-controller';

const quorum = [
  { id: 1, host: '127.0.0.1', port: 19093 },
  { id: 2, host: '127.0.0.1', port: 29093 },
];

/** A QuorumController over a FakeRaft holding `image`, its gRPC handlers, on jest's fake clock. */
function controllerOn(image: MetadataImage, timing: { sessionTimeoutMs?: number; writeTimeoutMs?: number } = {}) {
  const raft = new FakeRaft(image);
  const clock = () => Date.now();
  const controller = new QuorumController({
    nodeId: 1,
    raftNode: raft.asRaftNode(),
    stateMachine: raft.stateMachine,
    quorum,
    logger: silentLogger,
    heartbeatIntervalMs: 100,
    sessionTimeoutMs: timing.sessionTimeoutMs ?? 1000,
    preferredLeaderIntervalMs: 1e9,
    writeTimeoutMs: timing.writeTimeoutMs ?? 1000,
    clock,
  });
  const handlers = controllerHandlers({ controller, stateMachine: raft.stateMachine, clusterId: 'c', quorum, logger: silentLogger });
  /** A heartbeat from the broker's current registration reaches this controller. */
  const heartbeat = (brokerId: number) =>
    new Promise<ControllerWire.BrokerHeartbeatResponse>((resolve, reject) => {
      const request = { brokerId, brokerEpoch: raft.image.broker(brokerId)!.brokerEpoch, currentMetadataOffset: 1e9, wantShutdown: false };
      handlers.BrokerHeartbeat({ request } as never, (error, response) => (error ? reject(error) : resolve(response as ControllerWire.BrokerHeartbeatResponse)));
    });
  return { raft, controller, heartbeat };
}

/** The leader of `t`/0 asks for `newIsr`, with the epochs of `image`. */
function isrChange(image: MetadataImage, newIsr: number[]) {
  const state = partitionOf(image, 't');
  const leader = image.broker(state.leader)!;
  return alterPartition(image, { ...state, brokerId: leader.brokerId, brokerEpoch: leader.brokerEpoch, newIsr, newIsrWithEpochs: [] });
}

describe('QuorumController', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => {
    stop?.();
    stop = undefined;
    jest.useRealTimers();
  });

  it('answers a steady heartbeat at once from the applied image, even behind a write the quorum holds', async () => {
    const { raft, controller, heartbeat } = controllerOn(clusterOf(2), { sessionTimeoutMs: 1000, writeTimeoutMs: 10_000 });
    controller.start();
    stop = () => controller.stop();
    await Promise.all([heartbeat(1), heartbeat(2)]);
    raft.hold();
    const slow = controller.write(() => ({ records: [{ type: 'Config', resourceType: 'broker', name: '', key: 'k', value: 'v' }], response: 'done' }));
    // No read barrier and no turn in the queue: it does not wait for the held write.
    await expect(heartbeat(1)).resolves.toMatchObject({ error: null, state: 'unfenced' });
    raft.release();
    await expect(slow).resolves.toBe('done');
  });

  it('does not fence a broker whose heartbeats kept arriving while the write queue was backed up past the session', async () => {
    const { raft, controller, heartbeat } = controllerOn(clusterOf(2), { sessionTimeoutMs: 1000, writeTimeoutMs: 10_000 });
    controller.start();
    stop = () => controller.stop();
    await Promise.all([heartbeat(1), heartbeat(2)]);
    // A slow commit holds the queue for three sessions (think thousands of AlterPartitions
    // after a big broker rejoins). Broker 1 heartbeats all along; broker 2 went silent.
    raft.hold();
    const slow = controller.write(() => ({ records: [{ type: 'Config', resourceType: 'broker', name: '', key: 'k', value: 'v' }], response: 'done' }));
    const answers: Promise<unknown>[] = [];
    for (let elapsedMs = 0; elapsedMs < 3000; elapsedMs += 100) {
      await jest.advanceTimersByTimeAsync(100);
      answers.push(heartbeat(1));
    }
    raft.release();
    await expect(slow).resolves.toBe('done');
    await Promise.all(answers);
    await jest.advanceTimersByTimeAsync(200);
    // Broker 1 was never fenced (not even fenced and unfenced again: that is leadership churn).
    const fenced = raft.proposed.flat().flatMap((record) => (record.type === 'FenceBroker' ? [record.brokerId] : []));
    expect(fenced).toEqual([2]);
    expect(raft.image.isUnfenced(1)).toBe(true);
  });

  it('queues one session check at a time, however far the queue is behind', async () => {
    const { raft, controller } = controllerOn(clusterOf(1), { writeTimeoutMs: 10_000 });
    controller.start();
    stop = () => controller.stop();
    raft.hold();
    const slow = controller.write(() => ({ records: [{ type: 'Config', resourceType: 'broker', name: '', key: 'k', value: 'v' }], response: 'done' }));
    await jest.advanceTimersByTimeAsync(2000);
    expect(controller.queuedRequestCount).toBe(2);
    raft.release();
    await slow;
  });

  it('holds the next decision until a timed-out proposal settles, so no decision is made on a state that proposal may still change', async () => {
    const base = withTopic(clusterOf(3), 't', 1, 3);
    const { raft, controller } = controllerOn(base, { writeTimeoutMs: 1000 });
    raft.hold();
    const shrink = controller.write((image) => isrChange(image, [1, 2])).then(
      () => 'committed',
      (error: { code?: string }) => error.code,
    );
    await jest.advanceTimersByTimeAsync(1000);
    await expect(shrink).resolves.toBe('REQUEST_TIMED_OUT');

    const seen: PartitionState[] = [];
    const fence = controller.write((image) => {
      seen.push(partitionOf(image, 't'));
      return fenceBroker(image, 2);
    });
    await jest.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([]);
    // The timed-out shrink commits after all; the fence is decided on top of it.
    raft.release();
    await fence;
    expect(seen.map((state) => state.isr)).toEqual([[1, 2]]);
    expect(partitionOf(raft.image, 't')).toMatchObject({ leader: 1, isr: [1] });
  });

  it('decides again when its batch is refused as stale, because an entry ahead of it changed the partition', async () => {
    const base = withTopic(clusterOf(3), 't', 1, 3);
    const { raft, controller } = controllerOn(base);
    raft.hold();
    const decide = jest.fn((image: MetadataImage) => fenceBroker(image, 2));
    const fence = controller.write(decide);
    await jest.advanceTimersByTimeAsync(0);
    expect(raft.proposed).toHaveLength(1);
    // An older proposal, ahead in the log, shrinks the ISR to [1, 2] first.
    raft.commitNow(isrChange(base, [1, 2]).records);
    raft.release();
    await fence;
    expect(decide).toHaveBeenCalledTimes(2);
    expect(raft.image.isUnfenced(2)).toBe(false);
    expect(partitionOf(raft.image, 't')).toMatchObject({ leader: 1, isr: [1] });
  });
});
