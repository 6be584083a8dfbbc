import type { MetadataImage } from '@samsa/metadata';
import { alterConfigs } from './alter-configs';
import { alterPartition } from './alter-partition';
import { fenceBroker } from './broker-fencing';
import { registerBroker } from './broker-registration';
import { unregisterBroker } from './broker-unregistration';
import { clusterOf, commit, heartbeat, leaderAltersIsr, partitionOf, withTopic } from '../test-support/cluster';

/**
 * Issue 9, finding 5 (Kafka's KIP-966 hole): the last ISR member loses its unflushed tail in
 * a power cut, comes back, and used to be elected from the one-member ISR it kept while it
 * was down; the replicas that held every acknowledged record then truncated to it. These are
 * the Eligible Leader Replicas rules that close it.
 */

const listeners = [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 }];
let incarnations = 0;

/**
 * The broker's process starts again and registers: after a clean stop it says which broker
 * epoch it stopped with (what it wrote in its clean-shutdown file), after a power cut it
 * cannot (-1). Then it catches up and is unfenced.
 */
function restart(image: MetadataImage, brokerId: number, how: 'clean' | 'unclean'): MetadataImage {
  const previousBrokerEpoch = how === 'clean' ? image.broker(brokerId)!.brokerEpoch : -1;
  incarnations += 1;
  const registered = commit(image, registerBroker(image, { brokerId, incarnationId: `${brokerId}-r${incarnations}`, listeners, rack: null, previousBrokerEpoch }));
  return heartbeat(registered, brokerId).image;
}

/** Controlled shutdown: the broker asks to stop and is fenced. */
const shutDown = (image: MetadataImage, brokerId: number) => heartbeat(image, brokerId, { wantShutdown: true }).image;
/** The broker's session expires (it died): fenced. */
const expire = (image: MetadataImage, brokerId: number) => commit(image, fenceBroker(image, brokerId));

// Topic `t`: one partition, replicas [1, 2, 3], led by 1, min.insync.replicas 2.
const base = withTopic(clusterOf(3), 't', 1, 3, { 'min.insync.replicas': '2' });

describe('eligible leader replicas (KIP-966)', () => {
  it('puts a member removed from the ISR into the ELR only when the ISR falls below min.insync.replicas', () => {
    const without3 = shutDown(base, 3);
    expect(partitionOf(without3, 't')).toMatchObject({ leader: 1, isr: [1, 2], elr: [] });
    const without2 = shutDown(without3, 2);
    expect(partitionOf(without2, 't')).toMatchObject({ leader: 1, isr: [1], elr: [2] });
  });

  it('empties the ISR rather than keep a fenced last member: it joins the ELR and the partition is leaderless', () => {
    const alone = shutDown(shutDown(base, 3), 2);
    const dead = expire(alone, 1);
    expect(partitionOf(dead, 't')).toMatchObject({ leader: -1, isr: [], elr: [1, 2], leaderEpoch: 1 });
  });

  it('never re-elects the last ISR member after an unclean restart; the ELR member that stopped cleanly leads instead', () => {
    // Followers 3 then 2 stop cleanly; 1 is alone in the ISR and loses power.
    let image = expire(shutDown(shutDown(base, 3), 2), 1);
    image = restart(image, 1, 'unclean');
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, isr: [], elr: [2], lastKnownElr: [1] });
    image = restart(image, 3, 'clean');
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, isr: [], elr: [2] });
    // 2 holds every acknowledged record and has just shown it is alive: nobody else need be waited for.
    image = restart(image, 2, 'clean');
    expect(partitionOf(image, 't')).toMatchObject({ leader: 2, isr: [2], elr: [], lastKnownElr: [], leaderEpoch: 2 });
    // 1 catches up from 2 and rejoins the ISR.
    image = leaderAltersIsr(image, 't', 0, [2, 1]);
    expect(partitionOf(image, 't')).toMatchObject({ leader: 2, isr: [2, 1], elr: [], lastKnownElr: [] });
  });

  it('elects a lagging follower in the ELR at once when the last ISR member dies while it is alive', () => {
    const shrunk = leaderAltersIsr(shutDown(base, 3), 't', 0, [1]);
    expect(partitionOf(shrunk, 't')).toMatchObject({ isr: [1], elr: [2] });
    expect(partitionOf(expire(shrunk, 1), 't')).toMatchObject({ leader: 2, isr: [2], elr: [1], leaderEpoch: 1 });
  });

  it('takes a broker that registers after an unclean shutdown out of every ELR; a clean restart keeps its place', () => {
    const two = withTopic(clusterOf(3), 'u', 2, 3, { 'min.insync.replicas': '3' });
    const shrunk = shutDown(two, 3);
    expect(shrunk.topic('u')!.partitions.map((partition) => partition.elr)).toEqual([[3], [3]]);
    expect(restart(shrunk, 3, 'clean').topic('u')!.partitions.map((partition) => partition.elr)).toEqual([[3], [3]]);
    const unclean = restart(shrunk, 3, 'unclean');
    expect(unclean.topic('u')!.partitions.map((partition) => [partition.elr, partition.lastKnownElr])).toEqual([[[], [3]], [[], [3]]]);
  });

  it('calls a restart unclean when the previous broker epoch is missing, unknown or not the registered one', () => {
    const alone = shutDown(shutDown(base, 3), 2);
    for (const previousBrokerEpoch of [undefined, 0, -1, alone.broker(2)!.brokerEpoch + 100]) {
      const request = { brokerId: 2, incarnationId: `2-${String(previousBrokerEpoch)}`, listeners, rack: null, ...(previousBrokerEpoch === undefined ? {} : { previousBrokerEpoch }) };
      expect(partitionOf(commit(alone, registerBroker(alone, request)), 't')).toMatchObject({ isr: [1], elr: [], lastKnownElr: [2] });
    }
  });

  it('keeps the ELR of a partition with the default min.insync.replicas of 1 only while its ISR is empty', () => {
    let image = withTopic(clusterOf(2), 'd', 1, 2);
    image = shutDown(image, 2);
    expect(partitionOf(image, 'd')).toMatchObject({ leader: 1, isr: [1], elr: [] });
    image = expire(image, 1);
    expect(partitionOf(image, 'd')).toMatchObject({ leader: -1, isr: [], elr: [1] });
    // 2 comes back: it was not in sync when 1 died, so it may not lead.
    image = restart(image, 2, 'clean');
    expect(partitionOf(image, 'd')).toMatchObject({ leader: -1, isr: [], elr: [1] });
    expect(partitionOf(restart(image, 1, 'clean'), 'd')).toMatchObject({ leader: 1, isr: [1], elr: [] });
    expect(partitionOf(restart(image, 1, 'unclean'), 'd')).toMatchObject({ leader: -1, isr: [], elr: [], lastKnownElr: [1] });
  });

  it('with unclean.leader.election.enable, elects an unfenced replica when no ISR or ELR member can lead, and forgets the ELR', () => {
    let image = expire(shutDown(shutDown(base, 3), 2), 1);
    image = commit(image, alterConfigs(image, { resourceType: 'topic', name: 't', changes: [{ key: 'unclean.leader.election.enable', value: 'true' }] }));
    image = restart(image, 3, 'clean');
    expect(partitionOf(image, 't')).toMatchObject({ leader: 3, isr: [3], elr: [], lastKnownElr: [] });
  });

  it('clears the ELR when min.insync.replicas is lowered to what the ISR holds, and keeps it while the ISR is still short of it', () => {
    const alone = shutDown(shutDown(withTopic(clusterOf(3), 't', 1, 3, { 'min.insync.replicas': '3' }), 3), 2);
    expect(partitionOf(alone, 't')).toMatchObject({ isr: [1], elr: [2, 3] });
    const lowered = (image: MetadataImage, value: string) => commit(image, alterConfigs(image, { resourceType: 'topic', name: 't', changes: [{ key: 'min.insync.replicas', value }] }));
    expect(partitionOf(lowered(alone, '2'), 't')).toMatchObject({ isr: [1], elr: [2, 3] });
    expect(partitionOf(lowered(alone, '1'), 't')).toMatchObject({ isr: [1], elr: [] });
    const cluster = commit(alone, alterConfigs(alone, { resourceType: 'broker', name: '', changes: [{ key: 'min.insync.replicas', value: '1' }] }));
    expect(partitionOf(cluster, 't')).toMatchObject({ elr: [2, 3] });
  });

  it('does not put a leader that leaves the ISR because its log failed into the ELR', () => {
    const shrunk = leaderAltersIsr(base, 't', 0, [1, 2]);
    const state = partitionOf(shrunk, 't');
    const left = commit(shrunk, alterPartition(shrunk, { ...state, brokerId: 1, brokerEpoch: shrunk.broker(1)!.brokerEpoch, newIsr: [2] }));
    expect(partitionOf(left, 't')).toMatchObject({ leader: 2, isr: [2], elr: [] });
  });

  it('forgets an unregistered broker in every ISR, ELR and last known ELR', () => {
    const image = shutDown(shutDown(base, 3), 2);
    expect(partitionOf(commit(image, unregisterBroker(image, 2)), 't')).toMatchObject({ isr: [1], elr: [], lastKnownElr: [] });
  });

  it('after a whole-cluster power loss elects nobody on registration alone, not the broker that registers last', () => {
    let image = base;
    for (const id of [1, 2, 3]) image = restart(image, id, 'unclean');
    expect(partitionOf(image, 't')).toMatchObject({ leader: -1, isr: [], elr: [], lastKnownElr: [1, 2, 3] });
  });
});
