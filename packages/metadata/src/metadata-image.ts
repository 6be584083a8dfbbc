import { assert } from '@samsa/protocol';
import { applyRecord, StalePartitionChange } from './apply-record';
import { decodeImageState, encodeImageState } from './image-snapshot';
import { type BrokerRegistration, type ConfigEntries, EMPTY_IMAGE_STATE, type ImageState, type TopicImage } from './image-state';
import { NO_LEADER, type MetadataRecord, type PartitionState } from './records';

const NO_CONFIGS: ConfigEntries = new Map();

/**
 * The cluster metadata as of one offset of the metadata log: brokers, topics, partitions,
 * configs and producer id state. Immutable: `apply` returns a new image and shares every
 * part the record did not touch, so holding on to an old image (for a snapshot being
 * written, or a request being answered) is free and safe.
 *
 * Every controller and broker applies the same committed records in the same order and so
 * holds equal images at equal offsets. The controller leader also applies its own records
 * as soon as it appends them, so that the next request is decided against them.
 */
export class MetadataImage {
  static readonly EMPTY = new MetadataImage(EMPTY_IMAGE_STATE);

  private constructor(private readonly state: ImageState) {}

  /** Restores an image written by `toSnapshot`; corrupt bytes throw `CORRUPT_MESSAGE`. */
  static fromSnapshot(bytes: Uint8Array): MetadataImage {
    return new MetadataImage(decodeImageState(bytes));
  }

  /** The whole image as bytes; equal images give equal bytes. */
  toSnapshot(): Uint8Array {
    return encodeImageState(this.state);
  }

  /** Applies one committed record found at `offset`, which must be past the last one. */
  apply(record: MetadataRecord, offset: number): MetadataImage {
    return this.applyBatch([record], offset);
  }

  /**
   * Applies records that share one offset (one Raft entry carrying a batch), or refuses the
   * batch whole; see `tryApplyBatch`.
   */
  applyBatch(records: readonly MetadataRecord[], offset: number): MetadataImage {
    return this.tryApplyBatch(records, offset).image;
  }

  /**
   * Applies a batch, or refuses it whole when one of its PartitionChange records was decided
   * against a partition epoch that is no longer current (another decision on the same state
   * came first). A refused batch changes nothing but the last applied offset; since it
   * depends only on the image and the records, every replica refuses the same batches. A
   * batch is one decision, refused whole so that no replica ever holds half of one (a fenced
   * broker still leading, say). `refusal` says why, for the controller that proposed it.
   */
  tryApplyBatch(records: readonly MetadataRecord[], offset: number): { readonly image: MetadataImage; readonly refusal?: string } {
    assert(Number.isSafeInteger(offset) && offset > this.state.lastAppliedOffset, `offset ${offset} was already applied`);
    let state = this.state;
    try {
      for (const record of records) state = applyRecord(state, record, offset);
    } catch (error) {
      if (!(error instanceof StalePartitionChange)) throw error;
      return { image: new MetadataImage({ ...this.state, lastAppliedOffset: offset }), refusal: error.message };
    }
    return { image: new MetadataImage({ ...state, lastAppliedOffset: offset }) };
  }

  get lastAppliedOffset(): number {
    return this.state.lastAppliedOffset;
  }

  get lastBrokerEpoch(): number {
    return this.state.lastBrokerEpoch;
  }

  get nextProducerId(): bigint {
    return this.state.nextProducerId;
  }

  get brokers(): ReadonlyMap<number, BrokerRegistration> {
    return this.state.brokers;
  }

  /** Topics by topic id. */
  get topicsById(): ReadonlyMap<string, TopicImage> {
    return this.state.topicsById;
  }

  broker(brokerId: number): BrokerRegistration | undefined {
    return this.state.brokers.get(brokerId);
  }

  /** Registered and not fenced: may lead partitions and be in ISRs. */
  isUnfenced(brokerId: number): boolean {
    return this.state.brokers.get(brokerId)?.fenced === false;
  }

  /** Sorted by broker id, so that decisions made from it are deterministic. */
  unfencedBrokers(): BrokerRegistration[] {
    return [...this.state.brokers.values()].filter((broker) => !broker.fenced).sort((a, b) => a.brokerId - b.brokerId);
  }

  topic(name: string): TopicImage | undefined {
    const topicId = this.state.topicIdsByName.get(name);
    return topicId === undefined ? undefined : this.state.topicsById.get(topicId);
  }

  topicById(topicId: string): TopicImage | undefined {
    return this.state.topicsById.get(topicId);
  }

  topicNames(): string[] {
    return [...this.state.topicIdsByName.keys()].sort();
  }

  partition(topicId: string, partition: number): PartitionState | undefined {
    return this.state.topicsById.get(topicId)?.partitions[partition];
  }

  /** Every partition, topics in name order, partitions in index order. */
  allPartitions(): PartitionState[] {
    return this.topicNames().flatMap((name) => this.topic(name)?.partitions ?? []);
  }

  partitionsLedBy(brokerId: number): PartitionState[] {
    return this.allPartitions().filter((partition) => partition.leader === brokerId);
  }

  partitionsWithReplica(brokerId: number): PartitionState[] {
    return this.allPartitions().filter((partition) => partition.replicas.includes(brokerId));
  }

  offlinePartitions(): PartitionState[] {
    return this.allPartitions().filter((partition) => partition.leader === NO_LEADER);
  }

  topicConfig(topicName: string): ConfigEntries {
    return this.state.topicConfigs.get(topicName) ?? NO_CONFIGS;
  }

  /** `name` is a broker id, or '' for the cluster-wide default. */
  brokerConfig(name: string): ConfigEntries {
    return this.state.brokerConfigs.get(name) ?? NO_CONFIGS;
  }
}
