import type { ControllerWire } from '@samsa/protocol';
import { SamsaError, errorNameOf } from '@samsa/protocol';

/** One partition's ISR change as the leader proposes it (AlterPartition's PartitionIsrChange). */
export interface IsrChange {
  readonly topicId: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
  /** KIP-903; this broker's own entry is filled in with its epoch when the request is sent. */
  readonly newIsrWithEpochs: readonly { readonly brokerId: number; readonly brokerEpoch: number }[];
}

export interface AlterPartitionManagerOptions {
  readonly brokerId: number;
  readonly brokerEpoch: () => number;
  /** The controller's AlterPartition (ControllerClient.alterPartition). */
  readonly send: (request: ControllerWire.AlterPartitionRequest) => Promise<ControllerWire.AlterPartitionResponse__Output>;
  /** Most partitions in one request; the rest wait for the next. Default 10,000. */
  readonly maxPartitionsPerRequest?: number;
}

interface Queued {
  readonly change: IsrChange;
  readonly resolve: (state: ControllerWire.PartitionState__Output) => void;
  readonly reject: (error: SamsaError) => void;
}

/**
 * Kafka's AlterPartitionManager: the ISR changes of every partition this broker leads go to
 * the controller in one AlterPartition request at a time, and whatever is submitted while a
 * request is in flight waits and leaves together in the next one. A thousand new leaders
 * after a failover are a handful of requests and one metadata batch each, instead of a
 * thousand requests racing each other into the controller's queue.
 *
 * `submit` settles with the partition as the controller committed it, or rejects with the
 * SamsaError that refused it (that partition's, or the whole request's). Submitting a
 * partition already waiting replaces the waiting change, whose promise is refused.
 */
export class AlterPartitionManager {
  private readonly queued = new Map<string, Queued>();
  private inFlight = false;
  private readonly maxPartitions: number;

  constructor(private readonly options: AlterPartitionManagerOptions) {
    this.maxPartitions = options.maxPartitionsPerRequest ?? 10_000;
  }

  /** Partitions waiting for the next request (not the one in flight). */
  get waiting(): number {
    return this.queued.size;
  }

  submit(change: IsrChange): Promise<ControllerWire.PartitionState__Output> {
    const key = `${change.topicId}:${change.partition}`;
    return new Promise((resolve, reject) => {
      const replaced = this.queued.get(key);
      this.queued.delete(key);
      replaced?.reject(new SamsaError('INVALID_REQUEST', `a newer ISR change of ${key} replaced this one before it was sent`));
      this.queued.set(key, { change, resolve, reject });
      // Sent at once when nothing is in flight; otherwise it leaves with the next request.
      if (!this.inFlight) this.flush();
    });
  }

  private flush(): void {
    const batch: Queued[] = [];
    for (const [key, item] of this.queued) {
      if (batch.length >= this.maxPartitions) break;
      batch.push(item);
      this.queued.delete(key);
    }
    this.inFlight = batch.length > 0;
    if (!this.inFlight) return;
    const { brokerId } = this.options;
    const brokerEpoch = this.options.brokerEpoch();
    const request: ControllerWire.AlterPartitionRequest = {
      brokerId,
      brokerEpoch,
      partitions: batch.map(({ change }) => ({
        topicId: change.topicId,
        partition: change.partition,
        leaderEpoch: change.leaderEpoch,
        partitionEpoch: change.partitionEpoch,
        newIsr: [...change.newIsr],
        // The leader's own entry is its current epoch; the others', those their fetches carried.
        newIsrWithEpochs: change.newIsrWithEpochs.map((member) => (member.brokerId === brokerId ? { brokerId, brokerEpoch } : { ...member })),
      })),
    };
    let sent: Promise<ControllerWire.AlterPartitionResponse__Output>;
    try {
      sent = this.options.send(request);
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent
      .then(
        (response) => settle(batch, response.partitions),
        (error: unknown) => {
          const refusal = error instanceof SamsaError ? error : new SamsaError('UNKNOWN_SERVER_ERROR', error instanceof Error ? error.message : String(error), { cause: error });
          for (const item of batch) item.reject(refusal);
        },
      )
      .finally(() => this.flush());
  }
}

/** Each waiting change gets its own partition's outcome; one the answer lacks is refused. */
function settle(batch: readonly Queued[], outcomes: readonly ControllerWire.PartitionIsrResult__Output[]): void {
  const byKey = new Map(outcomes.map((outcome) => [`${outcome.topicId}:${outcome.partition}`, outcome]));
  for (const { change, resolve, reject } of batch) {
    const outcome = byKey.get(`${change.topicId}:${change.partition}`);
    if (outcome === undefined) reject(new SamsaError('UNKNOWN_SERVER_ERROR', `AlterPartition answered without partition ${change.topicId}:${change.partition}`));
    else if (outcome.error !== null) reject(new SamsaError(errorNameOf(outcome.error.code), outcome.error.message));
    else if (outcome.state === null) reject(new SamsaError('UNKNOWN_SERVER_ERROR', 'AlterPartition answered without the partition state'));
    else resolve(outcome.state);
  }
}
