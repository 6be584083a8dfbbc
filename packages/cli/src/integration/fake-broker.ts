import { ControllerClient } from '@samsa/metadata';

/**
 * A stand-in broker for controller tests: it registers, heartbeats on a timer with a
 * metadata offset that claims to be caught up, and can go silent (as a SIGKILLed broker
 * does, from the controller's point of view) or resume.
 */
export class FakeBroker {
  brokerEpoch = -1;
  state = 'unregistered';
  private timer: NodeJS.Timeout | undefined;
  private readonly client: ControllerClient;

  constructor(
    readonly brokerId: number,
    controllerAddresses: string,
    private readonly heartbeatMs = 200,
  ) {
    this.client = new ControllerClient({ addresses: controllerAddresses.split(','), attemptTimeoutMs: 2000, callTimeoutMs: 20_000, attemptsMax: 40 });
  }

  async register(): Promise<void> {
    const response = await this.client.registerBroker({
      brokerId: this.brokerId,
      incarnationId: `fake-${this.brokerId}-${process.pid}-${Date.now()}`,
      listeners: [{ name: 'client', host: '127.0.0.1', port: 19_000 + this.brokerId }],
      rack: '',
    });
    this.brokerEpoch = response.brokerEpoch;
    this.resume();
  }

  resume(): void {
    this.stopHeartbeats();
    const beat = () => {
      this.client
        .brokerHeartbeat({ brokerId: this.brokerId, brokerEpoch: this.brokerEpoch, currentMetadataOffset: Number.MAX_SAFE_INTEGER, wantShutdown: false })
        .then((response) => (this.state = response.state))
        .catch(() => undefined)
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(beat, this.heartbeatMs);
        });
    };
    this.timer = setTimeout(beat, 0);
  }

  /** Goes silent: no more heartbeats. */
  stopHeartbeats(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stopHeartbeats();
    this.client.close();
  }
}
