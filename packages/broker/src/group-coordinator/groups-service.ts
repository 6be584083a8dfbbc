// The Groups gRPC service (proto/samsa/v1/group.proto) over this broker's group coordinator:
// wire messages to the core's requests and back (error names to codes, offsets between
// numbers and bigints, topic ids filled in from the metadata), each call routed to the shard
// that coordinates its group. Failures that tell the client to look for the coordinator
// again (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE) are
// answers, not gRPC errors.
import type * as grpc from '@grpc/grpc-js';
import type { Logger } from '@samsa/common';
import { ErrorCodes, type ErrorName, type GroupWire, isSamsaError } from '@samsa/protocol';
import type { OffsetCommitResponse, OffsetCommitTopic, TopicImage } from '../group/group-api';
import type { TopicPartitions } from '../group/topic-partitions';
import type { GroupCoordinator } from './group-coordinator';

export interface GroupsServiceContext {
  readonly coordinator: GroupCoordinator;
  readonly logger: Logger;
}

interface Failure {
  readonly errorCode: number;
  readonly errorMessage: string;
}

function code(name: ErrorName): number {
  return ErrorCodes[name].code;
}

/** A thrown SamsaError as an answer's error fields; anything else is a bug, logged and rethrown. */
function failureOf(error: unknown, logger: Logger): Failure {
  if (isSamsaError(error)) return { errorCode: error.errorCode, errorMessage: error.message };
  logger.error({ err: error }, 'group request failed unexpectedly');
  return { errorCode: code('UNKNOWN_SERVER_ERROR'), errorMessage: error instanceof Error ? error.message : String(error) };
}

/** The peer's host from grpc-js's `ipv4:127.0.0.1:5000` / `ipv6:[::1]:5000`. */
function peerHost(peer: string): string {
  const address = peer.replace(/^(ipv4|ipv6|unix):/, '');
  const bracketed = /^\[([^\]]*)\]/.exec(address);
  if (bracketed !== null) return bracketed[1]!;
  const colon = address.lastIndexOf(':');
  return colon > 0 ? address.slice(0, colon) : address;
}

function withTopicIds(assignment: readonly TopicPartitions[], topics: TopicImage): GroupWire.TopicPartitions[] {
  return assignment.map(({ topic, partitions }) => ({ topicId: topics.get(topic)?.topicId ?? '', topic, partitions: [...partitions] }));
}

/** The owned partitions a member reports, named: a topic given only by id is looked up. */
function namedTopics(owned: readonly GroupWire.TopicPartitions__Output[], topics: TopicImage): TopicPartitions[] {
  return owned.map(({ topicId, topic, partitions }) => {
    if (topic !== '' || topicId === '') return { topic, partitions };
    for (const [name, metadata] of topics) if (metadata.topicId === topicId) return { topic: name, partitions };
    return { topic: `unknown-topic-id-${topicId}`, partitions };
  });
}

function commitTopics(topics: readonly GroupWire.OffsetCommitTopic__Output[]): OffsetCommitTopic[] {
  return topics.map((topic) => ({
    topic: topic.topic,
    partitions: topic.partitions.map((partition) => ({ partition: partition.partition, offset: BigInt(partition.offset), leaderEpoch: partition.leaderEpoch, metadata: partition.metadata })),
  }));
}

function commitResponse(response: OffsetCommitResponse): GroupWire.OffsetCommitResponse {
  return {
    errorCode: code(response.error),
    errorMessage: response.errorMessage,
    topics: response.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((partition) => ({ partition: partition.partition, errorCode: code(partition.error), errorMessage: partition.errorMessage })),
    })),
  };
}

/** The (topic, partition, offset) triples of a commit, for the log-end range check. */
function committedOffsets(topics: readonly OffsetCommitTopic[]): [string, number, bigint][] {
  return topics.flatMap((topic) => topic.partitions.filter((partition) => partition.offset >= 0n).map((partition): [string, number, bigint] => [topic.topic, partition.partition, partition.offset]));
}

export function groupsHandlers(context: GroupsServiceContext): GroupWire.GroupsHandlers {
  const { coordinator, logger } = context;
  const unary =
    <Request, Response>(handle: (request: Request, call: grpc.ServerUnaryCall<Request, Response>) => Promise<NoInfer<Response>>): grpc.handleUnaryCall<Request, Response> =>
    (call, callback) => {
      handle(call.request, call).then(
        (response) => callback(null, response),
        (error: unknown) => {
          logger.error({ err: error, method: call.getPath() }, 'group handler failed');
          callback({ code: 13, message: error instanceof Error ? error.message : String(error) } as grpc.ServiceError, null);
        },
      );
    };

  return {
    FindCoordinator: unary(async (request) => ({
      coordinators: request.groupIds.map((groupId) => {
        try {
          const { nodeId, host, port } = coordinator.findCoordinator(groupId);
          return { groupId, errorCode: 0, errorMessage: '', nodeId, host, port };
        } catch (error) {
          return { groupId, ...failureOf(error, logger), nodeId: -1, host: '', port: 0 };
        }
      }),
    })),

    Heartbeat: unary(async (request, call): Promise<GroupWire.HeartbeatResponse> => {
      try {
        const topics = coordinator.topics();
        const response = await coordinator.shardFor(request.groupId).call('write', (core, nowMs) =>
          core.heartbeat(
            {
              groupId: request.groupId,
              memberId: request.memberId,
              memberEpoch: request.memberEpoch,
              instanceId: request.instanceId,
              rackId: request.rackId,
              clientId: request.clientId,
              clientHost: peerHost(call.getPeer()),
              rebalanceTimeoutMs: request.rebalanceTimeoutMs,
              subscribedTopicNames: request.subscribedTopicNames,
              subscribedTopicRegex: request.subscribedTopicRegex,
              serverAssignor: request.serverAssignor,
              owned: namedTopics(request.owned, topics),
            },
            { nowMs, topics },
          ),
        );
        return { ...response, errorCode: code(response.error), assignment: withTopicIds(response.assignment, topics) };
      } catch (error) {
        return { ...failureOf(error, logger), memberId: request.memberId, memberEpoch: request.memberEpoch, heartbeatIntervalMs: 0, assignment: [] };
      }
    }),

    OffsetCommit: unary(async (request) => {
      try {
        const shard = coordinator.shardFor(request.groupId);
        const topics = commitTopics(request.topics);
        const offsetsOf = await coordinator.endOffsets.lookup(committedOffsets(topics));
        const response = await shard.call('write', (core, nowMs) =>
          core.commitOffsets({ groupId: request.groupId, memberId: request.memberId, memberEpoch: request.memberEpoch, topics }, { nowMs, topics: coordinator.topics(), offsetsOf }),
        );
        return commitResponse(response);
      } catch (error) {
        return { ...failureOf(error, logger), topics: [] };
      }
    }),

    AlterOffsets: unary(async (request) => {
      try {
        const shard = coordinator.shardFor(request.groupId);
        const topics = commitTopics(request.topics);
        const offsetsOf = await coordinator.endOffsets.lookup(committedOffsets(topics));
        const response = await shard.call('write', (core, nowMs) => core.alterOffsets({ groupId: request.groupId, topics }, { nowMs, topics: coordinator.topics(), offsetsOf }));
        return commitResponse(response);
      } catch (error) {
        return { ...failureOf(error, logger), topics: [] };
      }
    }),

    OffsetFetch: unary(async (request) => {
      try {
        const response = await coordinator.shardFor(request.groupId).call('read', (core) => ({
          response: core.fetchOffsets({ groupId: request.groupId, topics: request.topics.map((topic) => ({ topic: topic.topic, partitions: topic.partitions })) }),
          records: [],
        }));
        return {
          errorCode: code(response.error),
          errorMessage: response.errorMessage,
          topics: response.topics.map((topic) => ({
            topic: topic.topic,
            partitions: topic.partitions.map((partition) => ({ ...partition, offset: Number(partition.offset), errorCode: code(partition.error) })),
          })),
        };
      } catch (error) {
        return { ...failureOf(error, logger), topics: [] };
      }
    }),

    ListGroups: unary(async (request) => {
      const groups: GroupWire.GroupListing[] = [];
      for (const shard of coordinator.activeShards()) {
        try {
          groups.push(...(await shard.call('read', (core) => ({ response: core.listGroups(request.states), records: [] }))));
        } catch (error) {
          // A shard that moved away meanwhile: its groups are listed by their new coordinator.
          if (!isSamsaError(error)) throw error;
        }
      }
      return { errorCode: 0, errorMessage: '', groups: groups.sort((a, b) => (a.groupId! < b.groupId! ? -1 : 1)) };
    }),

    DescribeGroups: unary(async (request) => ({
      groups: await Promise.all(
        request.groupIds.map(async (groupId): Promise<GroupWire.GroupDescription> => {
          try {
            const topics = coordinator.topics();
            const [description] = await coordinator.shardFor(groupId).call('read', (core) => ({ response: core.describeGroups([groupId]), records: [] }));
            return {
              ...description!,
              errorCode: code(description!.error),
              members: description!.members.map((member) => ({
                ...member,
                subscribedTopicNames: [...member.subscribedTopicNames],
                assignment: withTopicIds(member.assignment, topics),
                targetAssignment: withTopicIds(member.targetAssignment, topics),
              })),
            };
          } catch (error) {
            return { groupId, ...failureOf(error, logger), state: 'dead', members: [] };
          }
        }),
      ),
    })),

    DeleteGroups: unary(async (request) => ({
      groups: await Promise.all(
        request.groupIds.map(async (groupId): Promise<GroupWire.GroupResult> => {
          try {
            const [result] = await coordinator.shardFor(groupId).call('write', (core) => core.deleteGroups([groupId]));
            return { groupId, errorCode: code(result!.error), errorMessage: result!.errorMessage };
          } catch (error) {
            return { groupId, ...failureOf(error, logger) };
          }
        }),
      ),
    })),
  };
}
