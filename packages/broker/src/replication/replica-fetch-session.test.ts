import type { BrokerWire } from '@samsa/protocol';
import type { PartitionReplica } from '../server/partition-replica';
import { ReplicaFetchSession, type SessionReplicas } from './replica-fetch-session';

/** A leader's partitions as the session reads them: log end, high watermark, log start, leadership. */
function leaderOf(partitions: Record<string, { logEndOffset: number; highWatermark: number }>) {
  const leadership = {};
  const replicas = new Map(
    Object.entries(partitions).map(([key, log]) => [key, { leader: leadership, log: { ...log, logStartOffset: 0 } } as unknown as PartitionReplica]),
  );
  const view: SessionReplicas = { get: (key) => replicas.get(key), offlineReasonOf: () => undefined };
  return { view, log: (key: string) => replicas.get(key)!.log as { logEndOffset: number; highWatermark: number } };
}

function fetchOf(key: string, fetchOffset: number): BrokerWire.ReplicaFetchPartition__Output {
  const [topicId, partition] = key.split(':');
  return { topicId: topicId!, partition: Number(partition), currentLeaderEpoch: 0, fetchOffset, lastFetchedEpoch: -1, logStartOffset: 0, partitionMaxBytes: 1 << 20 };
}

function request(partitions: BrokerWire.ReplicaFetchPartition__Output[], forgotten: { topicId: string; partition: number }[] = []): BrokerWire.ReplicaFetchRequest__Output {
  return { replicaId: 2, brokerEpoch: 7, maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, partitions, forgotten };
}

/** The leader's answer for one partition, as answerPartition gives it: records from the fetch offset to the log end. */
function answerer(leader: ReturnType<typeof leaderOf>, recorded: string[]) {
  return (fetch: BrokerWire.ReplicaFetchPartition__Output, recordFetch: boolean): BrokerWire.ReplicaPartitionData__Output => {
    const key = `${fetch.topicId}:${fetch.partition}`;
    if (recordFetch) recorded.push(`${key}@${fetch.fetchOffset}`);
    const log = leader.log(key);
    return { topicId: fetch.topicId, partition: fetch.partition, errorCode: 0, highWatermark: log.highWatermark, logStartOffset: 0, divergingEpoch: null, records: Buffer.alloc(log.logEndOffset - fetch.fetchOffset) };
  };
}

const keysOf = (answers: BrokerWire.ReplicaPartitionData__Output[]) => answers.map((answer) => `${answer.topicId}:${answer.partition}`);

describe('ReplicaFetchSession', () => {
  it('answers only partitions with news, and records a fetch only when the follower names a partition', () => {
    const leader = leaderOf({ 'T:0': { logEndOffset: 10, highWatermark: 10 }, 'T:1': { logEndOffset: 5, highWatermark: 5 }, 'T:2': { logEndOffset: 0, highWatermark: 0 } });
    const session = new ReplicaFetchSession();
    const recorded: string[] = [];
    const answerOne = answerer(leader, recorded);
    session.update(request([fetchOf('T:0', 10), fetchOf('T:1', 0), fetchOf('T:2', 0)]));
    // The first answer tells every partition its high watermark; T:1 also gets records.
    const first = session.collect(leader.view, 1 << 20, answerOne);
    expect(keysOf(first)).toEqual(['T:0', 'T:1', 'T:2']);
    expect(first[1]!.records).toHaveLength(5);
    expect(recorded).toEqual(['T:0@10', 'T:1@0', 'T:2@0']);
    // Nothing new: an empty answer, and no fetch recorded for partitions not named again.
    session.update(request([]));
    expect(session.collect(leader.view, 1 << 20, answerOne)).toEqual([]);
    // T:1 is not answered again until the follower says where it is now.
    leader.log('T:1').logEndOffset = 8;
    expect(session.collect(leader.view, 1 << 20, answerOne)).toEqual([]);
    session.update(request([fetchOf('T:1', 5)]));
    const next = session.collect(leader.view, 1 << 20, answerOne);
    expect(keysOf(next)).toEqual(['T:1']);
    expect(next[0]!.records).toHaveLength(3);
    // A high watermark move alone is news too.
    leader.log('T:0').highWatermark = 10;
    leader.log('T:2').highWatermark = 0;
    leader.log('T:0').logEndOffset = 10;
    leader.log('T:1').highWatermark = 8;
    session.update(request([fetchOf('T:1', 8)]));
    expect(keysOf(session.collect(leader.view, 1 << 20, answerOne))).toEqual(['T:1']);
    expect(recorded).toEqual(['T:0@10', 'T:1@0', 'T:2@0', 'T:1@5', 'T:1@8']);
  });

  it('forgets partitions, and caps an answer by bytes, going on where the last one stopped', () => {
    const leader = leaderOf({ 'T:0': { logEndOffset: 100, highWatermark: 0 }, 'T:1': { logEndOffset: 100, highWatermark: 0 }, 'T:2': { logEndOffset: 100, highWatermark: 0 } });
    const session = new ReplicaFetchSession();
    const answerOne = answerer(leader, []);
    session.update(request([fetchOf('T:0', 0), fetchOf('T:1', 0), fetchOf('T:2', 0)]));
    session.update(request([], [{ topicId: 'T', partition: 2 }]));
    expect(session.size).toBe(2);
    const first = session.collect(leader.view, 50, answerOne);
    expect(keysOf(first)).toEqual(['T:0']);
    const second = session.collect(leader.view, 50, answerOne);
    expect(keysOf(second)).toEqual(['T:1']);
  });
});
