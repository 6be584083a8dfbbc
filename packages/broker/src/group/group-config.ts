// The coordinator's settings, with Kafka's defaults for the consumer protocol
// (group.consumer.* and offset.metadata.max.bytes) except where a limit is ours.
import { assert } from '@samsa/protocol';

export interface GroupCoordinatorConfig {
  /** A member not heard from for this long is removed (group.consumer.session.timeout.ms). */
  readonly sessionTimeoutMs: number;
  /** How often members are told to heartbeat (group.consumer.heartbeat.interval.ms). */
  readonly heartbeatIntervalMs: number;
  /** The rebalance timeout of a member that sends 0 (the client's max.poll.interval.ms default). */
  readonly rebalanceTimeoutMsDefault: number;
  /** Members per group, static members away included (group.consumer.max.size; Kafka's is unbounded). */
  readonly groupSizeMax: number;
  /** Bytes of a committed offset's metadata string (offset.metadata.max.bytes). */
  readonly offsetMetadataBytesMax: number;
}

export const DEFAULT_GROUP_COORDINATOR_CONFIG: GroupCoordinatorConfig = {
  sessionTimeoutMs: 45_000,
  heartbeatIntervalMs: 5_000,
  rebalanceTimeoutMsDefault: 300_000,
  groupSizeMax: 1_000,
  offsetMetadataBytesMax: 4_096,
};

export function validateGroupCoordinatorConfig(config: GroupCoordinatorConfig): void {
  assert(config.heartbeatIntervalMs > 0, 'heartbeatIntervalMs is positive');
  assert(config.sessionTimeoutMs > config.heartbeatIntervalMs, 'sessionTimeoutMs exceeds heartbeatIntervalMs');
  assert(config.rebalanceTimeoutMsDefault > 0, 'rebalanceTimeoutMsDefault is positive');
  assert(config.groupSizeMax > 0, 'groupSizeMax is positive');
  assert(config.offsetMetadataBytesMax >= 0, 'offsetMetadataBytesMax is not negative');
}
