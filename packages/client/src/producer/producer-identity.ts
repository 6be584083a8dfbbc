import type { Cluster } from '../cluster/cluster';
import { BrokerError } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';

/**
 * An idempotent producer's id and epoch (InitProducerId, from any broker). Obtained once
 * before the first batch; obtained again after `requestReset` (a sequence error or a
 * batch whose fate is unknown), after which every partition's sequences restart at 0.
 */
export class ProducerIdentity {
  producerId = -1n;
  producerEpoch = -1;
  private resetRequested = false;
  private resetDone = false;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly retry: RetryOptions,
    private readonly isCancelled: () => boolean,
  ) {}

  get isReady(): boolean {
    return this.producerId >= 0n && !this.resetRequested;
  }

  requestReset(): void {
    if (this.producerId >= 0n) this.resetRequested = true;
  }

  /** True once after a reset completed: the caller must resequence its queued batches. */
  takeResetDone(): boolean {
    const done = this.resetDone;
    this.resetDone = false;
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
      this.resetDone = true;
    }
  }
}
