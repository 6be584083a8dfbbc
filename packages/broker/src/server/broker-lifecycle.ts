import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from '@samsa/common';
import type { ControllerClient } from '@samsa/metadata';
import { type ControllerWire, SamsaError } from '@samsa/protocol';
import type { ScheduledTask, Scheduler } from '../time/scheduler';
import { type Sleep, sleep } from '../time/sleep';
import { SYSTEM_CLOCK } from '../time/system-clock';

export type BrokerState = 'starting' | 'fenced' | 'unfenced' | 'shutting-down' | 'stopped';

export interface BrokerLifecycleOptions {
  readonly brokerId: number;
  readonly client: ControllerClient;
  readonly listener: { readonly host: string; readonly port: number };
  readonly rack: string | null;
  readonly heartbeatIntervalMs: number;
  readonly metadataOffset: () => number;
  readonly logger: Logger;
  /** The real clock unless a test passes a manual one. */
  readonly clock?: Scheduler;
  /**
   * KIP-966: the broker epoch the previous process stopped with after closing every log
   * cleanly (the clean-shutdown file); -1 or absent when it did not stop cleanly.
   */
  readonly previousBrokerEpoch?: number;
  /** The logs of this broker's partitions that wait for a recovery election, sent with each heartbeat. */
  readonly recoveringReplicas?: () => readonly ControllerWire.ReplicaLogState[];
}

/**
 * Registration and heartbeats, as a KRaft broker does them: register with a fresh
 * incarnation id (a new broker epoch), heartbeat with the metadata offset reached, and
 * follow the state the controller answers (fenced until caught up, then unfenced). A
 * controlled shutdown keeps heartbeating with `wantShutdown` until the controller has moved
 * this broker's leaderships away. Emits `state` on every change.
 *
 * KIP-966: the first registration names the epoch of the previous process's clean stop (or
 * -1), so the controller knows whether this broker may have lost an unflushed tail; a
 * registration again within the same process names the epoch it has (its logs are intact).
 * Heartbeats carry the logs of partitions waiting for a recovery election, while there are any.
 */
export class BrokerLifecycle extends EventEmitter {
  private brokerEpochValue = -1;
  private stateValue: BrokerState = 'starting';
  private readonly clock: Scheduler;
  /** The next heartbeat. */
  private nextBeat: ScheduledTask | undefined;
  /** A controlled shutdown's wait (for an answer, or between heartbeats); `stop` ends it. */
  private shutdownWait: Sleep | undefined;
  private readonly incarnationId = randomUUID();
  private stopped = false;

  constructor(private readonly options: BrokerLifecycleOptions) {
    super();
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  get brokerEpoch(): number {
    return this.brokerEpochValue;
  }

  get state(): BrokerState {
    return this.stateValue;
  }

  async start(): Promise<void> {
    await this.register();
    this.schedule(0);
  }

  /** Asks the controller to move leaderships away, waiting up to `timeoutMs`. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.setState('shutting-down');
    const deadline = this.clock.nowMs() + timeoutMs;
    while (this.clock.nowMs() < deadline && this.brokerEpochValue >= 0 && !this.stopped) {
      // Never wait past the deadline: when the controllers are gone too (the whole cluster
      // stopping), the client's own retries would outlast it.
      const remainingMs = Math.max(1, deadline - this.clock.nowMs());
      const answerDeadline = (this.shutdownWait = sleep(this.clock, remainingMs, { unref: true }));
      try {
        const response = await Promise.race([
          this.heartbeat(true),
          answerDeadline.done.then((): never => {
            throw new Error(`no answer within ${remainingMs} ms`);
          }),
        ]);
        if (response.state === 'shutdown') break;
      } catch (error) {
        this.options.logger.warn({ err: (error as Error).message }, 'controlled shutdown heartbeat failed');
      } finally {
        answerDeadline.wake();
      }
      if (this.stopped) break;
      const pause = (this.shutdownWait = sleep(this.clock, 100));
      await pause.done;
    }
    this.stop();
  }

  /** Stops heartbeating; ends a controlled shutdown's wait, so nothing stays scheduled. */
  stop(): void {
    this.stopped = true;
    this.nextBeat?.cancel();
    this.nextBeat = undefined;
    this.shutdownWait?.wake();
    this.shutdownWait = undefined;
    this.setState('stopped');
  }

  private async register(): Promise<void> {
    const previousBrokerEpoch = this.brokerEpochValue >= 0 ? this.brokerEpochValue : (this.options.previousBrokerEpoch ?? -1);
    const response = await this.options.client.registerBroker({
      brokerId: this.options.brokerId,
      incarnationId: this.incarnationId,
      listeners: [{ name: 'client', host: this.options.listener.host, port: this.options.listener.port }],
      rack: this.options.rack ?? '',
      previousBrokerEpoch,
    });
    this.brokerEpochValue = response.brokerEpoch;
    this.options.logger.info({ brokerEpoch: response.brokerEpoch }, 'registered with the controller quorum');
    this.setState('fenced');
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.stateValue === 'shutting-down') return;
    this.nextBeat = this.clock.schedule(delayMs, () => void this.beat());
  }

  private async beat(): Promise<void> {
    try {
      const response = await this.heartbeat(false);
      if (this.stateValue !== 'shutting-down' && !this.stopped) this.setState(response.state === 'unfenced' ? 'unfenced' : 'fenced');
    } catch (error) {
      if (error instanceof SamsaError && error.code === 'STALE_BROKER_EPOCH') {
        // The controller forgot us (or a newer incarnation exists): register again.
        this.options.logger.warn('broker epoch is stale; registering again');
        await this.register().catch((cause: unknown) => this.options.logger.warn({ err: String(cause) }, 're-registration failed'));
      } else {
        this.options.logger.debug({ err: (error as Error).message }, 'heartbeat failed');
      }
    }
    this.schedule(this.options.heartbeatIntervalMs);
  }

  private heartbeat(wantShutdown: boolean) {
    const recovering = wantShutdown ? [] : (this.options.recoveringReplicas?.() ?? []);
    return this.options.client.brokerHeartbeat({
      brokerId: this.options.brokerId,
      brokerEpoch: this.brokerEpochValue,
      currentMetadataOffset: this.options.metadataOffset(),
      wantShutdown,
      ...(recovering.length > 0 ? { recoveringReplicas: [...recovering] } : {}),
    });
  }

  private setState(state: BrokerState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.options.logger.info({ state }, 'broker state changed');
    this.emit('state', state);
  }
}
