import type { ControllerWire } from '@samsa/protocol';

/** One partition to move: its replicas to be, preferred leader first; null cancels an ongoing move. */
export interface PartitionReassignment {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[] | null;
}

/**
 * A move the controller is carrying out (Kafka's KIP-455 shape): `replicas` is the target
 * followed by the replicas being removed; the adding ones are catching up as followers.
 */
export interface OngoingReassignment {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly addingReplicas: readonly number[];
  readonly removingReplicas: readonly number[];
}

export function reassignmentRequest(partitions: readonly PartitionReassignment[]): ControllerWire.AlterPartitionReassignmentsRequest {
  // On the wire an empty list cancels.
  return { partitions: partitions.map(({ topic, partition, replicas }) => ({ topic, partition, replicas: replicas === null ? [] : [...replicas] })) };
}

export function ongoingReassignments(response: ControllerWire.ListPartitionReassignmentsResponse__Output): OngoingReassignment[] {
  return response.reassignments.map((entry) => ({
    topic: entry.topic,
    partition: entry.partition,
    replicas: entry.replicas,
    addingReplicas: entry.addingReplicas,
    removingReplicas: entry.removingReplicas,
  }));
}

export function checkReassignments(partitions: readonly PartitionReassignment[]): void {
  if (!Array.isArray(partitions)) throw new TypeError('alterPartitionReassignments: expected an array of { topic, partition, replicas }');
  for (const [index, entry] of partitions.entries()) {
    const where = `alterPartitionReassignments[${index}]`;
    if (typeof entry?.topic !== 'string' || entry.topic.length === 0) throw new TypeError(`${where}.topic: expected a non-empty string`);
    if (!Number.isSafeInteger(entry.partition) || entry.partition < 0) throw new RangeError(`${where}.partition: expected a partition index, got ${String(entry.partition)}`);
    if (entry.replicas === null) continue;
    if (!Array.isArray(entry.replicas) || entry.replicas.length === 0 || !entry.replicas.every((id: unknown) => typeof id === 'number' && Number.isSafeInteger(id) && id >= 0)) {
      throw new RangeError(`${where}.replicas: expected a non-empty list of broker ids, or null to cancel`);
    }
  }
}
