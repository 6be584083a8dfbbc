import type { BrokerWire } from '@samsa/protocol';

/**
 * What the client knows about the cluster: brokers by id and, for every topic it has asked
 * about, the partitions with their leader and leader epoch. Pure data; `cluster.ts` decides
 * when to refresh it. Leader epochs only move forward: an answer from a broker that lags
 * behind another one never replaces newer leadership.
 */

export interface BrokerInfo {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly rack: string;
  /** `host:port`, the key of the broker's channel. */
  readonly address: string;
}

export interface PartitionInfo {
  readonly topic: string;
  readonly partition: number;
  /** -1 while the partition has no leader. */
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly errorCode: number;
}

export interface TopicInfo {
  readonly name: string;
  readonly topicId: string;
  readonly errorCode: number;
  /** Indexed by partition number. */
  readonly partitions: readonly PartitionInfo[];
}

export class MetadataCache {
  clusterId = '';
  controllerId = -1;
  private brokers = new Map<number, BrokerInfo>();
  private readonly topics = new Map<string, TopicInfo>();
  /** When the last successful response was applied (ms since the epoch), or 0. */
  updatedAtMs = 0;

  apply(response: BrokerWire.MetadataResponse__Output, nowMs: number): void {
    this.clusterId = response.clusterId;
    this.controllerId = response.controllerId;
    this.brokers = new Map(response.brokers.map((node) => [node.id, brokerInfo(node)]));
    for (const topic of response.topics) {
      const previous = this.topics.get(topic.name);
      const partitions: PartitionInfo[] = [];
      for (const wire of [...topic.partitions].sort((a, b) => a.partition - b.partition)) {
        const known = previous?.partitions[wire.partition];
        // A lagging broker may report an older epoch than one we learnt from a leader hint.
        if (known !== undefined && known.leaderEpoch > wire.leaderEpoch && previous?.topicId === topic.topicId) {
          partitions[wire.partition] = known;
          continue;
        }
        partitions[wire.partition] = {
          topic: topic.name,
          partition: wire.partition,
          leader: wire.leader,
          leaderEpoch: wire.leaderEpoch,
          replicas: wire.replicas,
          isr: wire.isr,
          errorCode: wire.errorCode,
        };
      }
      this.topics.set(topic.name, { name: topic.name, topicId: topic.topicId, errorCode: topic.errorCode, partitions: dense(partitions, topic.name) });
    }
    this.updatedAtMs = nowMs;
  }

  /** Takes a newer leader from a broker's answer; returns whether anything changed. */
  applyLeaderHint(topic: string, partition: number, hint: BrokerWire.LeaderHint__Output): boolean {
    const info = this.topics.get(topic);
    const known = info?.partitions[partition];
    if (info === undefined || known === undefined || hint.leaderId < 0 || hint.leaderEpoch <= known.leaderEpoch) return false;
    if (!this.brokers.has(hint.leaderId)) return false;
    const partitions = [...info.partitions];
    partitions[partition] = { ...known, leader: hint.leaderId, leaderEpoch: hint.leaderEpoch };
    this.topics.set(topic, { ...info, partitions });
    return true;
  }

  topic(name: string): TopicInfo | undefined {
    return this.topics.get(name);
  }

  partition(topic: string, partition: number): PartitionInfo | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  broker(id: number): BrokerInfo | undefined {
    return this.brokers.get(id);
  }

  allBrokers(): BrokerInfo[] {
    return [...this.brokers.values()];
  }

  forget(topic: string): void {
    this.topics.delete(topic);
  }
}

function brokerInfo(node: BrokerWire.BrokerNode__Output): BrokerInfo {
  return { id: node.id, host: node.host, port: node.port, rack: node.rack, address: `${node.host}:${node.port}` };
}

/** A response may skip partitions (not expected); fill holes as leaderless so indexes hold. */
function dense(partitions: PartitionInfo[], topic: string): PartitionInfo[] {
  return Array.from(partitions, (info, index) => info ?? { topic, partition: index, leader: -1, leaderEpoch: -1, replicas: [], isr: [], errorCode: 5 });
}
