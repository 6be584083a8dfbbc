import { silentLogger } from '@samsa/common';
import type { ControllerClient } from '@samsa/metadata';
import { ManualClock } from '../time/manual-clock';
import { BrokerLifecycle } from './broker-lifecycle';

/** Lets promise continuations run (the controller's answers); no time passes. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('BrokerLifecycle on a manual clock', () => {
  let clock: ManualClock;
  let brokerHeartbeat: jest.Mock;
  let lifecycle: BrokerLifecycle;

  beforeEach(() => {
    clock = new ManualClock();
    brokerHeartbeat = jest.fn(async () => ({ state: 'unfenced' }));
    const client = { registerBroker: jest.fn(async () => ({ brokerEpoch: 7 })), brokerHeartbeat } as unknown as ControllerClient;
    lifecycle = new BrokerLifecycle({ brokerId: 1, client, listener: { host: '127.0.0.1', port: 9092 }, rack: null, heartbeatIntervalMs: 500, metadataOffset: () => 3, logger: silentLogger, clock });
  });

  afterEach(() => lifecycle.stop());

  /** Registered, and the first heartbeat answered. */
  async function started(): Promise<void> {
    await lifecycle.start();
    clock.advance(0);
    await settle();
  }

  it('heartbeats at once after registering, then every interval', async () => {
    await lifecycle.start();
    expect(lifecycle.state).toBe('fenced');
    expect(brokerHeartbeat).not.toHaveBeenCalled();
    clock.advance(0);
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(1);
    expect(brokerHeartbeat).toHaveBeenLastCalledWith({ brokerId: 1, brokerEpoch: 7, currentMetadataOffset: 3, wantShutdown: false });
    expect(lifecycle.state).toBe('unfenced');
    clock.advance(499);
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(2);
  });

  it('leaves nothing scheduled after stop, even with a heartbeat in flight', async () => {
    await started();
    let answer!: (response: { state: string }) => void;
    brokerHeartbeat.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    clock.advance(500);
    expect(brokerHeartbeat).toHaveBeenCalledTimes(2);
    lifecycle.stop();
    expect(clock.pendingCount).toBe(0);
    answer({ state: 'unfenced' });
    await settle();
    expect(clock.pendingCount).toBe(0);
    expect(lifecycle.state).toBe('stopped');
  });

  it('heartbeats with wantShutdown every 100 ms until the controller answers shutdown', async () => {
    await started();
    brokerHeartbeat.mockImplementation(async (request: { wantShutdown: boolean }) => ({ state: request.wantShutdown && brokerHeartbeat.mock.calls.length >= 4 ? 'shutdown' : 'unfenced' }));
    let done = false;
    void lifecycle.shutdown(5000).then(() => (done = true));
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(2);
    expect(brokerHeartbeat).toHaveBeenLastCalledWith(expect.objectContaining({ wantShutdown: true }));
    clock.advance(100);
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(3);
    clock.advance(100);
    await settle();
    expect(brokerHeartbeat).toHaveBeenCalledTimes(4);
    expect(done).toBe(true);
    expect(lifecycle.state).toBe('stopped');
    expect(clock.pendingCount).toBe(0);
  });

  it('gives up a controlled shutdown at its deadline when no controller answers', async () => {
    await started();
    brokerHeartbeat.mockImplementation((request: { wantShutdown: boolean }) => (request.wantShutdown ? new Promise(() => undefined) : Promise.resolve({ state: 'unfenced' })));
    let done = false;
    void lifecycle.shutdown(5000).then(() => (done = true));
    await settle();
    clock.advance(4999);
    await settle();
    expect(done).toBe(false);
    clock.advance(1); // no answer within 5000 ms; a 100 ms pause, and the deadline has passed
    await settle();
    expect(done).toBe(false);
    clock.advance(100);
    await settle();
    expect(done).toBe(true);
    expect(clock.pendingCount).toBe(0);
  });
});
