import type { MetadataImage } from '@samsa/metadata';
import { SamsaError } from '@samsa/protocol';
import { requireBrokerEpoch } from './broker-epoch';
import type { ControllerResult } from './controller-result';
import { PRODUCER_ID_BLOCK_SIZE } from './defaults';

export interface ProducerIdBlock {
  readonly firstProducerId: bigint;
  readonly size: number;
}

const PRODUCER_ID_MAX = 2n ** 63n - 1n;

/**
 * Hands a broker the next block of producer ids. Blocks never overlap because the record
 * moves `nextProducerId` past the block, and records apply in one order everywhere.
 */
export function allocateProducerIds(
  image: MetadataImage,
  request: { readonly brokerId: number; readonly brokerEpoch: number },
): ControllerResult<ProducerIdBlock> {
  requireBrokerEpoch(image, request.brokerId, request.brokerEpoch);
  const firstProducerId = image.nextProducerId;
  const nextProducerId = firstProducerId + BigInt(PRODUCER_ID_BLOCK_SIZE);
  if (nextProducerId - 1n > PRODUCER_ID_MAX) throw new SamsaError('UNKNOWN_SERVER_ERROR', 'producer ids are exhausted');
  return {
    records: [{ type: 'ProducerIds', brokerId: request.brokerId, brokerEpoch: request.brokerEpoch, nextProducerId }],
    response: { firstProducerId, size: PRODUCER_ID_BLOCK_SIZE },
  };
}
