import type { ControllerWire } from '@samsa/protocol';
import { SamsaError } from '@samsa/protocol';
import { AlterPartitionManager, type IsrChange } from './alter-partition-manager';

function change(partition: number, newIsr: number[] = [1, 2]): IsrChange {
  return { topicId: 'T', partition, leaderEpoch: 3, partitionEpoch: 5, newIsr, newIsrWithEpochs: newIsr.map((brokerId) => ({ brokerId, brokerEpoch: brokerId === 1 ? -1 : 40 + brokerId })) };
}

function state(partition: number, isr: number[]): ControllerWire.PartitionState__Output {
  return { topic: 't', topicId: 'T', partition, leader: 1, leaderEpoch: 3, partitionEpoch: 6, replicas: [1, 2, 3], isr, addingReplicas: [], removingReplicas: [], elr: [], lastKnownElr: [] };
}

/** A controller whose answers the test releases one request at a time. */
function controller() {
  const requests: ControllerWire.AlterPartitionRequest[] = [];
  const answers: ((response: ControllerWire.AlterPartitionResponse__Output | Error) => void)[] = [];
  const send = jest.fn((request: ControllerWire.AlterPartitionRequest) => {
    requests.push(request);
    return new Promise<ControllerWire.AlterPartitionResponse__Output>((resolve, reject) => answers.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))));
  });
  const commitAll = (index: number) =>
    answers[index]!({ error: null, partitions: requests[index]!.partitions!.map((p) => ({ topicId: p.topicId!, partition: p.partition!, error: null, state: state(p.partition!, [...p.newIsr!]) })) });
  return { send, requests, answers, commitAll };
}

/** Lets every promise callback queued so far run (the next request leaves after an answer settles). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('AlterPartitionManager', () => {
  it('sends one request at a time and batches every change submitted meanwhile into the next', async () => {
    const fake = controller();
    const manager = new AlterPartitionManager({ brokerId: 1, brokerEpoch: () => 9, send: fake.send });
    const first = manager.submit(change(0));
    const rest = [1, 2, 3].map((partition) => manager.submit(change(partition, [1, 3])));
    expect(fake.send).toHaveBeenCalledTimes(1);
    expect(manager.waiting).toBe(3);
    fake.commitAll(0);
    await expect(first).resolves.toMatchObject({ partition: 0, isr: [1, 2] });
    expect(fake.send).toHaveBeenCalledTimes(2);
    expect(fake.requests[1]!.partitions!.map((p) => p.partition)).toEqual([1, 2, 3]);
    fake.commitAll(1);
    await expect(Promise.all(rest)).resolves.toMatchObject([{ isr: [1, 3] }, { isr: [1, 3] }, { isr: [1, 3] }]);
  });

  it("fills in its own broker epoch when it sends and keeps the followers' epochs from their fetches", () => {
    const fake = controller();
    let epoch = 9;
    const manager = new AlterPartitionManager({ brokerId: 1, brokerEpoch: () => epoch, send: fake.send });
    void manager.submit(change(0));
    epoch = 10;
    void manager.submit(change(1));
    fake.commitAll(0);
    expect(fake.requests[0]).toMatchObject({ brokerId: 1, brokerEpoch: 9, partitions: [{ newIsrWithEpochs: [{ brokerId: 1, brokerEpoch: 9 }, { brokerId: 2, brokerEpoch: 42 }] }] });
  });

  it("refuses each partition with its own error, and every partition with a request-wide one", async () => {
    const fake = controller();
    const manager = new AlterPartitionManager({ brokerId: 1, brokerEpoch: () => 9, send: fake.send });
    const refusedAll = manager.submit(change(0));
    fake.answers[0]!(new SamsaError('STALE_BROKER_EPOCH', 'registered again'));
    await expect(refusedAll).rejects.toMatchObject({ code: 'STALE_BROKER_EPOCH' });
    const ok = manager.submit(change(1));
    const fenced = manager.submit(change(2));
    fake.commitAll(1);
    await ok;
    await settled();
    const missing = manager.submit(change(3));
    fake.answers[2]!({
      error: null,
      partitions: [{ topicId: 'T', partition: 2, error: { code: 74, name: 'FENCED_LEADER_EPOCH', message: 'stale', leader: null }, state: null }],
    });
    await expect(fenced).rejects.toMatchObject({ code: 'FENCED_LEADER_EPOCH' });
    await settled();
    fake.answers[3]!({ error: null, partitions: [] });
    await expect(missing).rejects.toMatchObject({ code: 'UNKNOWN_SERVER_ERROR' });
  });

  it('replaces a change still waiting for the same partition, refusing the older one', async () => {
    const fake = controller();
    const manager = new AlterPartitionManager({ brokerId: 1, brokerEpoch: () => 9, send: fake.send });
    void manager.submit(change(0));
    const older = manager.submit(change(1, [1, 2]));
    const newer = manager.submit(change(1, [1, 2, 3]));
    await expect(older).rejects.toBeInstanceOf(SamsaError);
    fake.commitAll(0);
    await settled();
    expect(fake.requests[1]!.partitions).toHaveLength(1);
    fake.commitAll(1);
    await expect(newer).resolves.toMatchObject({ isr: [1, 2, 3] });
  });

  it('splits a backlog larger than a request may carry', () => {
    const fake = controller();
    const manager = new AlterPartitionManager({ brokerId: 1, brokerEpoch: () => 9, send: fake.send, maxPartitionsPerRequest: 2 });
    for (let partition = 0; partition < 5; partition += 1) void manager.submit(change(partition));
    expect(manager.waiting).toBe(4);
  });
});
