import type { MetadataImage } from '@samsa/metadata';
import { handleBrokerHeartbeat } from './broker-heartbeat';
import { registerBroker } from './broker-registration';
import { ReplicaLogReports } from './log-recovery-election';
import { clusterOf, commit, heartbeat, partitionOf, withTopic } from '../test-support/cluster';

/**
 * Issue 9, finding 5, the whole-cluster case (KIP-966's unclean recovery): every replica that
 * held the acknowledged records lost power. Nobody is eligible, so the partition stays
 * leaderless until the replicas in its last known ELR are back and have reported their logs;
 * then the replica with the longest log of the last leader epoch leads, not whichever
 * registered last.
 */

const listeners = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }];
let incarnations = 0;

function restartUncleanly(image: MetadataImage, brokerId: number): MetadataImage {
  incarnations += 1;
  const registered = commit(image, registerBroker(image, { brokerId, incarnationId: `${brokerId}-p${incarnations}`, listeners, rack: null, previousBrokerEpoch: -1 }));
  return heartbeat(registered, brokerId).image;
}

/** A caught-up heartbeat carrying the broker's log of partition 0 of `t`. */
function reportLog(image: MetadataImage, reports: ReplicaLogReports, brokerId: number, lastEpoch: number, logEndOffset: number): MetadataImage {
  const broker = image.broker(brokerId)!;
  const { topicId } = partitionOf(image, 't');
  const request = {
    brokerId,
    brokerEpoch: broker.brokerEpoch,
    currentMetadataOffset: image.lastAppliedOffset,
    wantShutdown: false,
    recoveringReplicas: [{ topicId, partition: 0, lastEpoch, logEndOffset }],
  };
  return commit(image, handleBrokerHeartbeat(image, request, reports));
}

// Topic `t`: replicas [1, 2, 3], min.insync.replicas 2; then all three lose power together.
const base = withTopic(clusterOf(3), 't', 1, 3, { 'min.insync.replicas': '2' });
const powerLoss = [1, 2, 3].reduce(restartUncleanly, base);

describe('leader election after a whole-cluster power loss', () => {
  it('waits for every replica of the last known ELR, then elects the longest log of the last epoch', () => {
    const reports = new ReplicaLogReports();
    expect(partitionOf(powerLoss, 't')).toMatchObject({ leader: -1, isr: [], elr: [], lastKnownElr: [1, 2, 3] });
    let image = reportLog(powerLoss, reports, 1, 2, 900);
    image = reportLog(image, reports, 3, 2, 1000);
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, isr: [] });
    image = reportLog(image, reports, 2, 2, 1200);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 2, isr: [2], elr: [], lastKnownElr: [], leaderEpoch: partitionOf(powerLoss, 't').leaderEpoch + 1 });
  });

  it('ranks by last leader epoch first: a longer log of an older epoch holds a tail that was never committed', () => {
    const reports = new ReplicaLogReports();
    let image = reportLog(powerLoss, reports, 1, 3, 500);
    image = reportLog(image, reports, 2, 2, 1200);
    image = reportLog(image, reports, 3, 3, 700);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 3, isr: [3] });
  });

  it('breaks a tie by replica order', () => {
    const reports = new ReplicaLogReports();
    let image = reportLog(powerLoss, reports, 3, 1, 800);
    image = reportLog(image, reports, 2, 1, 800);
    image = reportLog(image, reports, 1, 1, 700);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 2 });
  });

  it('waits for a replica of the last known ELR that has not registered again, however many others reported', () => {
    const reports = new ReplicaLogReports();
    // 3 loses power with the others but stays down.
    const twoBack = [1, 2].reduce(restartUncleanly, base);
    const fencedThree = heartbeat(twoBack, 3, { wantShutdown: true }).image;
    expect(partitionOf(fencedThree, 't')).toMatchObject({ leader: -1, isr: [], elr: [3], lastKnownElr: [1, 2] });
    // 3 is in the ELR (its old registration was only fenced): it alone may lead, when it comes back cleanly.
    let image = reportLog(fencedThree, reports, 1, 0, 900);
    image = reportLog(image, reports, 2, 0, 900);
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1 });
    // Back uncleanly: out of the ELR, into the last known ELR, and waited for until it reports.
    image = restartUncleanly(image, 3);
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, elr: [], lastKnownElr: [1, 2, 3] });
    image = reportLog(image, reports, 3, 0, 100);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 1, isr: [1] });
  });

  it('counts a replica outside the last known ELR that reported a longer log of the same epoch', () => {
    const reports = new ReplicaLogReports();
    // 3 stopped cleanly earlier (out of the ISR, above min.insync.replicas: not in the ELR); 1 and 2 then lost power.
    let image = heartbeat(base, 3, { wantShutdown: true }).image;
    image = [1, 2].reduce(restartUncleanly, image);
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, isr: [], elr: [], lastKnownElr: [1, 2] });
    image = reportLog(image, reports, 3, 0, 2000);
    image = reportLog(image, reports, 1, 0, 900);
    image = reportLog(image, reports, 2, 0, 1000);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 3, isr: [3], lastKnownElr: [] });
  });

  it('forgets what an earlier registration of a broker reported', () => {
    const reports = new ReplicaLogReports();
    let image = reportLog(powerLoss, reports, 1, 0, 5000);
    image = reportLog(image, reports, 2, 0, 900);
    // 1 restarts once more, uncleanly, before 3 reports: its 5000 may be gone.
    image = restartUncleanly(image, 1);
    image = reportLog(image, reports, 3, 0, 1000);
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1 });
    image = reportLog(image, reports, 1, 0, 800);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 3 });
  });

  it('ignores reports for partitions that have a leader or an eligible replica', () => {
    const reports = new ReplicaLogReports();
    const image = reportLog(base, reports, 2, 9, 99_999);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 1, leaderEpoch: 0 });
  });
});
