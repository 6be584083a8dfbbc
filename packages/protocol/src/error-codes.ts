/**
 * The table of error codes shared by client, broker, controller and storage. Numbers,
 * names and retriability follow Kafka's protocol so that tools and people who know Kafka
 * read them the same way. Append only: a code, once given, never changes meaning.
 */
export interface ErrorCodeInfo {
  readonly code: number;
  readonly retriable: boolean;
  readonly message: string;
}

const table = {
  UNKNOWN_SERVER_ERROR: [-1, false, 'The server experienced an unexpected error.'],
  NONE: [0, false, 'No error.'],
  OFFSET_OUT_OF_RANGE: [1, false, 'The requested offset is not within the range of offsets kept by the server.'],
  CORRUPT_MESSAGE: [2, true, 'The record batch failed its CRC check, exceeds its size, or is otherwise corrupt.'],
  UNKNOWN_TOPIC_OR_PARTITION: [3, true, 'This server does not host this topic-partition.'],
  INVALID_FETCH_SIZE: [4, false, 'The requested fetch size is invalid.'],
  LEADER_NOT_AVAILABLE: [5, true, 'There is no leader for this topic-partition, as an election is in progress.'],
  NOT_LEADER_OR_FOLLOWER: [6, true, 'This server is not the leader or a follower for that topic-partition.'],
  REQUEST_TIMED_OUT: [7, true, 'The request timed out.'],
  BROKER_NOT_AVAILABLE: [8, false, 'The broker is not available.'],
  REPLICA_NOT_AVAILABLE: [9, true, 'The replica is not available for the requested topic-partition.'],
  MESSAGE_TOO_LARGE: [10, false, 'The record batch is larger than the maximum the server accepts.'],
  OFFSET_METADATA_TOO_LARGE: [12, false, 'The metadata of the committed offset is too large.'],
  NETWORK_EXCEPTION: [13, true, 'The server disconnected before a response was received.'],
  COORDINATOR_LOAD_IN_PROGRESS: [14, true, 'The coordinator is loading and cannot process requests.'],
  COORDINATOR_NOT_AVAILABLE: [15, true, 'The coordinator is not available.'],
  NOT_COORDINATOR: [16, true, 'This is not the correct coordinator.'],
  INVALID_TOPIC_EXCEPTION: [17, false, 'The request attempted to perform an operation on an invalid topic.'],
  RECORD_LIST_TOO_LARGE: [18, false, 'The request included a batch list larger than the configured segment size.'],
  NOT_ENOUGH_REPLICAS: [19, true, 'Fewer in-sync replicas than required: the write was refused.'],
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: [20, true, 'The write was appended but fewer in-sync replicas than required hold it.'],
  INVALID_REQUIRED_ACKS: [21, false, 'The produce request specified an invalid value for required acks.'],
  ILLEGAL_GENERATION: [22, false, 'The generation id is not the current generation.'],
  INCONSISTENT_GROUP_PROTOCOL: [23, false, "The group member's protocol is incompatible with the group's."],
  INVALID_GROUP_ID: [24, false, 'The group id is invalid.'],
  UNKNOWN_MEMBER_ID: [25, false, 'The coordinator is not aware of this member.'],
  INVALID_SESSION_TIMEOUT: [26, false, 'The session timeout is not within the allowed range.'],
  REBALANCE_IN_PROGRESS: [27, false, 'The group is rebalancing, so a rejoin is needed.'],
  INVALID_COMMIT_OFFSET_SIZE: [28, false, 'The committing offset data size is not valid.'],
  INVALID_TIMESTAMP: [32, false, 'The timestamp of the record is out of the acceptable range.'],
  UNSUPPORTED_VERSION: [35, false, 'The version of the API is not supported.'],
  TOPIC_ALREADY_EXISTS: [36, false, 'The topic already exists.'],
  INVALID_PARTITIONS: [37, false, 'The number of partitions is invalid.'],
  INVALID_REPLICATION_FACTOR: [38, false, 'The replication factor is invalid.'],
  INVALID_REPLICA_ASSIGNMENT: [39, false, 'The replica assignment is invalid.'],
  INVALID_CONFIG: [40, false, 'The configuration is invalid.'],
  NOT_CONTROLLER: [41, true, 'This is not the correct controller for this cluster.'],
  INVALID_REQUEST: [42, false, 'The request is malformed or inconsistent with the protocol.'],
  UNSUPPORTED_FOR_MESSAGE_FORMAT: [43, false, 'The message format version does not support the request.'],
  POLICY_VIOLATION: [44, false, 'The request parameters do not satisfy the configured policy.'],
  OUT_OF_ORDER_SEQUENCE_NUMBER: [45, false, 'The broker received an out of order sequence number.'],
  DUPLICATE_SEQUENCE_NUMBER: [46, false, 'The broker received a duplicate sequence number.'],
  INVALID_PRODUCER_EPOCH: [47, false, 'The producer attempted to produce with an old epoch.'],
  KAFKA_STORAGE_ERROR: [56, true, 'A disk error (for example a full disk) prevented the operation.'],
  LOG_DIR_NOT_FOUND: [57, false, 'The user-specified log directory is not found.'],
  UNKNOWN_PRODUCER_ID: [59, false, 'The broker could not locate the producer metadata for this producer id.'],
  REASSIGNMENT_IN_PROGRESS: [60, false, 'A partition reassignment is in progress.'],
  NON_EMPTY_GROUP: [68, false, 'The group is not empty.'],
  GROUP_ID_NOT_FOUND: [69, false, 'The group id does not exist.'],
  FENCED_LEADER_EPOCH: [74, true, 'The leader epoch in the request is older than the epoch on the broker.'],
  UNKNOWN_LEADER_EPOCH: [75, true, 'The leader epoch in the request is newer than the epoch on the broker.'],
  UNSUPPORTED_COMPRESSION_TYPE: [76, false, 'The requesting client does not support the compression type.'],
  STALE_BROKER_EPOCH: [77, false, 'The broker epoch has changed.'],
  OFFSET_NOT_AVAILABLE: [78, true, 'The leader high watermark has not caught up from a recent leader election.'],
  GROUP_MAX_SIZE_REACHED: [81, false, 'The group has reached its maximum size.'],
  ELIGIBLE_LEADERS_NOT_AVAILABLE: [83, true, 'Eligible topic partition leaders are not available.'],
  ELECTION_NOT_NEEDED: [84, true, 'Leader election not needed for the topic partition.'],
  NO_REASSIGNMENT_IN_PROGRESS: [85, false, 'No partition reassignment is in progress.'],
  INVALID_RECORD: [87, false, 'A record failed validation on the broker, so the whole batch was dropped.'],
  THROTTLING_QUOTA_EXCEEDED: [89, true, 'There is a throttling quota violation.'],
  PRODUCER_FENCED: [90, false, 'A newer producer with the same transactional id has fenced this one.'],
  UNKNOWN_TOPIC_ID: [100, true, 'This server does not host this topic id.'],
  INELIGIBLE_REPLICA: [107, false, 'The new ISR holds a replica that may not join it: fenced, shutting down, or registered again since it fetched.'],
  FENCED_MEMBER_EPOCH: [110, false, 'The member epoch is fenced by the group coordinator: the member must let go of all its partitions and join again.'],
  UNRELEASED_INSTANCE_ID: [111, false, 'The instance id is still held by another member of the group, which must leave first.'],
  UNSUPPORTED_ASSIGNOR: [112, false, 'The group does not support this assignor.'],
  STALE_MEMBER_EPOCH: [113, false, 'The member epoch is stale: retry once a heartbeat has brought the current one.'],
} as const satisfies Record<string, readonly [number, boolean, string]>;

export type ErrorName = keyof typeof table;

export const ErrorCodes: { readonly [K in ErrorName]: ErrorCodeInfo } = Object.fromEntries(
  Object.entries(table).map(([name, [code, retriable, message]]) => [name, { code, retriable, message }]),
) as { readonly [K in ErrorName]: ErrorCodeInfo };

const byCode = new Map<number, ErrorName>(
  Object.entries(table).map(([name, [code]]) => [code, name as ErrorName]),
);

/** The name of a numeric code; unknown numbers map to `UNKNOWN_SERVER_ERROR`. */
export function errorNameOf(code: number): ErrorName {
  return byCode.get(code) ?? 'UNKNOWN_SERVER_ERROR';
}
