import type { MetadataImage, MetadataRecord } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { changesWithout } from './broker-fencing';
import { type ControllerResult, imageAfter } from './controller-result';

/**
 * Removes a broker from the cluster (an operator's decision, Kafka's UnregisterBroker).
 * Its leaderships and ISR memberships move away first, as when it is fenced, and it leaves
 * every ELR and last known ELR: nobody waits for it to come back. Kafka answers
 * an unknown id with BROKER_ID_NOT_REGISTERED, which our table lacks: INVALID_REQUEST.
 */
export function unregisterBroker(image: MetadataImage, brokerId: number): ControllerResult<void> {
  const broker = image.broker(brokerId);
  if (broker === undefined) throw new SamsaError('INVALID_REQUEST', `broker ${brokerId} is not registered`);
  const fence: MetadataRecord[] = broker.fenced ? [] : [{ type: 'FenceBroker', brokerId, brokerEpoch: broker.brokerEpoch }];
  const unregister: MetadataRecord = { type: 'UnregisterBroker', brokerId, brokerEpoch: broker.brokerEpoch };
  return { records: [...fence, ...changesWithout(imageAfter(image, fence), brokerId, { forget: true }), unregister], response: undefined };
}
