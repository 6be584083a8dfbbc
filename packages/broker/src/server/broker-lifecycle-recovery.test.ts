import { silentLogger } from '@samsa/common';
import type { ControllerClient } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { ManualClock } from '../time/manual-clock';
import { BrokerLifecycle } from './broker-lifecycle';

/** Lets promise continuations run (the controller's answers); no time passes. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * What KIP-966 needs from registration and heartbeats: the broker says whether its previous
 * stop was clean (the epoch it stopped with), and reports its logs of partitions that wait
 * for a recovery election.
 */
describe('BrokerLifecycle: clean-shutdown epoch and replica log reports (KIP-966)', () => {
  const logs = [{ topicId: 'T1', partition: 0, lastEpoch: 4, logEndOffset: 1200 }];

  function lifecycleWith(options: { previousBrokerEpoch?: number; recovering?: () => typeof logs }) {
    const clock = new ManualClock();
    const registerBroker = jest.fn(async () => ({ brokerEpoch: 7 }));
    const brokerHeartbeat = jest.fn(async (): Promise<{ state: string }> => ({ state: 'unfenced' }));
    const client = { registerBroker, brokerHeartbeat } as unknown as ControllerClient;
    const lifecycle = new BrokerLifecycle({
      brokerId: 1,
      client,
      listener: { host: '127.0.0.1', port: 9092 },
      rack: null,
      heartbeatIntervalMs: 500,
      metadataOffset: () => 3,
      logger: silentLogger,
      clock,
      ...(options.previousBrokerEpoch === undefined ? {} : { previousBrokerEpoch: options.previousBrokerEpoch }),
      ...(options.recovering === undefined ? {} : { recoveringReplicas: options.recovering }),
    });
    return { clock, registerBroker, brokerHeartbeat, lifecycle };
  }

  it('registers with the epoch of its clean stop, and -1 without one', async () => {
    for (const [previous, sent] of [[12, 12], [undefined, -1]] as const) {
      const { registerBroker, lifecycle } = lifecycleWith(previous === undefined ? {} : { previousBrokerEpoch: previous });
      await lifecycle.start();
      expect(registerBroker).toHaveBeenCalledWith(expect.objectContaining({ brokerId: 1, previousBrokerEpoch: sent }));
      lifecycle.stop();
    }
  });

  it('registers again within the same process with the epoch it has: nothing was lost', async () => {
    const { clock, registerBroker, brokerHeartbeat, lifecycle } = lifecycleWith({ previousBrokerEpoch: -1 });
    await lifecycle.start();
    brokerHeartbeat.mockRejectedValueOnce(new SamsaError('STALE_BROKER_EPOCH', 'forgotten'));
    clock.advance(0);
    await settle();
    expect(registerBroker).toHaveBeenCalledTimes(2);
    expect(registerBroker).toHaveBeenLastCalledWith(expect.objectContaining({ previousBrokerEpoch: 7 }));
    lifecycle.stop();
  });

  it('sends the logs of recovering partitions with every heartbeat, and no field when there are none', async () => {
    let recovering = logs;
    const { clock, brokerHeartbeat, lifecycle } = lifecycleWith({ recovering: () => recovering });
    await lifecycle.start();
    clock.advance(0);
    await settle();
    expect(brokerHeartbeat).toHaveBeenLastCalledWith(expect.objectContaining({ recoveringReplicas: logs }));
    recovering = [];
    clock.advance(500);
    await settle();
    expect(brokerHeartbeat).toHaveBeenLastCalledWith({ brokerId: 1, brokerEpoch: 7, currentMetadataOffset: 3, wantShutdown: false });
    lifecycle.stop();
  });
});
