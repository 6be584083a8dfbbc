import type { BrokerRegistration, MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';

/**
 * The registration a request claims to come from. A broker id that is not registered is
 * answered like a stale epoch (Kafka says BROKER_ID_NOT_REGISTERED, which our table lacks):
 * either way the broker's right move is to register again.
 */
export function requireBrokerEpoch(image: MetadataImage, brokerId: number, brokerEpoch: number): BrokerRegistration {
  const broker = image.broker(brokerId);
  if (broker === undefined) throw new SamsaError('STALE_BROKER_EPOCH', `broker ${brokerId} is not registered`);
  if (broker.brokerEpoch !== brokerEpoch) {
    throw new SamsaError(
      'STALE_BROKER_EPOCH',
      `broker ${brokerId} sent epoch ${brokerEpoch}, but its current registration has epoch ${broker.brokerEpoch}`,
    );
  }
  return broker;
}
