import type { Cluster } from '../cluster/cluster';
import { BrokerError } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';

/**
 * An idempotent producer's id and epoch (InitProducerId, from any broker). Obtained once
 * before the first batch; obtained again after `requestReset` (a batch that carried a
 * sequence failed for good, leaving a hole or an unknown in its partition's sequence), after
 * which every partition's sequences restart at 0.
 */
export class ProducerIdentity {
  producerId = -1n;
  producerEpoch = -1;
  private resetRequested = false;
  /** Why the reset was asked for: the first reason since the last reset. */
  private resetReason: string | undefined;
  private resetDone: string | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly retry: RetryOptions,
    private readonly isCancelled: () => boolean,
  ) {}

  get isReady(): boolean {
    return this.producerId >= 0n && !this.resetRequested;
  }

  requestReset(reason: string): void {
    if (this.producerId < 0n) return;
    this.resetRequested = true;
    this.resetReason ??= reason;
  }

  /**
   * Once after a reset completed, its reason; otherwise undefined. The caller must deal with
   * the batches sequenced under the old id that are not acknowledged.
   */
  takeResetDone(): string | undefined {
    const done = this.resetDone;
    this.resetDone = undefined;
    return done;
  }

  ensure(): Promise<void> {
    this.pending ??= this.initialize().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async initialize(): Promise<void> {
    const isReset = this.resetRequested;
    const response = await withRetry(
      async () => {
        const client = await this.cluster.anyBrokerClient();
        const answer = await client.initProducerId({ transactionalId: '', transactionTimeoutMs: 0 });
        if (answer.errorCode !== 0) throw BrokerError.ofCode(answer.errorCode, `InitProducerId on ${client.address}${answer.errorMessage ? ` (${answer.errorMessage})` : ''}`, client.address);
        return answer;
      },
      { ...this.retry, retries: Infinity },
      { isCancelled: this.isCancelled },
    );
    this.producerId = BigInt(response.producerId);
    this.producerEpoch = response.producerEpoch;
    if (isReset) {
      this.resetRequested = false;
      this.resetDone = this.resetReason ?? 'a batch failed';
      this.resetReason = undefined;
    }
  }
}
