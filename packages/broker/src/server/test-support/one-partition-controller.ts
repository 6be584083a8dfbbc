import type { ControllerClient } from '@samsa/metadata';
import type { ControllerWire } from '@samsa/protocol';
import { SamsaError } from '@samsa/protocol';

/** What a test's fake AlterPartition sees of one partition: the change with the sender's id and epoch. */
export interface OnePartitionAlter {
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly topicId: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: number[];
  readonly newIsrWithEpochs: { brokerId: number; brokerEpoch: number }[];
}

/**
 * A ControllerClient whose batched AlterPartition calls `alterPartition` once per partition
 * of the batch, so a test can fake (and inspect) one partition's change at a time. A
 * rejection is that partition's error; a result is `{ partition: state }` as the one-partition
 * answer used to be.
 */
export function onePartitionController(alterPartition: (request: OnePartitionAlter) => Promise<unknown>): ControllerClient {
  const batched = async (request: ControllerWire.AlterPartitionRequest): Promise<ControllerWire.AlterPartitionResponse__Output> => {
    const partitions = await Promise.all(
      (request.partitions ?? []).map(async (change) => {
        const base = { topicId: change.topicId ?? '', partition: change.partition ?? 0 };
        try {
          const answer = (await alterPartition({
            brokerId: request.brokerId ?? 0,
            brokerEpoch: Number(request.brokerEpoch ?? 0),
            ...base,
            leaderEpoch: change.leaderEpoch ?? 0,
            partitionEpoch: change.partitionEpoch ?? 0,
            newIsr: [...(change.newIsr ?? [])],
            newIsrWithEpochs: (change.newIsrWithEpochs ?? []).map((member) => ({ brokerId: member.brokerId ?? 0, brokerEpoch: Number(member.brokerEpoch ?? 0) })),
          })) as { partition?: ControllerWire.PartitionState__Output | null };
          return { ...base, error: null, state: answer.partition ?? null };
        } catch (error) {
          if (!(error instanceof SamsaError)) throw error;
          return { ...base, error: { code: error.errorCode, name: error.code, message: error.message, leader: null }, state: null };
        }
      }),
    );
    return { error: null, partitions };
  };
  return { alterPartition: batched } as unknown as ControllerClient;
}
