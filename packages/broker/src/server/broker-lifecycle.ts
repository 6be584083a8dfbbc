import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from '@samsa/common';
import type { ControllerClient } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';

export type BrokerState = 'starting' | 'fenced' | 'unfenced' | 'shutting-down' | 'stopped';

export interface BrokerLifecycleOptions {
  readonly brokerId: number;
  readonly client: ControllerClient;
  readonly listener: { readonly host: string; readonly port: number };
  readonly rack: string | null;
  readonly heartbeatIntervalMs: number;
  readonly metadataOffset: () => number;
  readonly logger: Logger;
}

/**
 * Registration and heartbeats, as a KRaft broker does them: register with a fresh
 * incarnation id (a new broker epoch), heartbeat with the metadata offset reached, and
 * follow the state the controller answers (fenced until caught up, then unfenced). A
 * controlled shutdown keeps heartbeating with `wantShutdown` until the controller has moved
 * this broker's leaderships away. Emits `state` on every change.
 */
export class BrokerLifecycle extends EventEmitter {
  private brokerEpochValue = -1;
  private stateValue: BrokerState = 'starting';
  private timer: NodeJS.Timeout | undefined;
  private readonly incarnationId = randomUUID();
  private stopped = false;

  constructor(private readonly options: BrokerLifecycleOptions) {
    super();
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
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.brokerEpochValue >= 0) {
      try {
        // Never wait past the deadline: when the controllers are gone too (the whole cluster
        // stopping), the client's own retries would outlast it.
        const remainingMs = Math.max(1, deadline - Date.now());
        const response = await Promise.race([
          this.heartbeat(true),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${remainingMs} ms`)), remainingMs).unref()),
        ]);
        if (response.state === 'shutdown') break;
      } catch (error) {
        this.options.logger.warn({ err: (error as Error).message }, 'controlled shutdown heartbeat failed');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.setState('stopped');
  }

  private async register(): Promise<void> {
    const response = await this.options.client.registerBroker({
      brokerId: this.options.brokerId,
      incarnationId: this.incarnationId,
      listeners: [{ name: 'client', host: this.options.listener.host, port: this.options.listener.port }],
      rack: this.options.rack ?? '',
    });
    this.brokerEpochValue = response.brokerEpoch;
    this.options.logger.info({ brokerEpoch: response.brokerEpoch }, 'registered with the controller quorum');
    this.setState('fenced');
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.stateValue === 'shutting-down') return;
    this.timer = setTimeout(() => void this.beat(), delayMs);
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
    return this.options.client.brokerHeartbeat({
      brokerId: this.options.brokerId,
      brokerEpoch: this.brokerEpochValue,
      currentMetadataOffset: this.options.metadataOffset(),
      wantShutdown,
    });
  }

  private setState(state: BrokerState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.options.logger.info({ state }, 'broker state changed');
    this.emit('state', state);
  }
}
