import { type ErrorName, errorNameOf, formatHostPort } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { BrokerError, isRetriable } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';
import type { AdminChannels, GroupsClient } from './group-admin-channels';

/** Codes that mean "ask FindCoordinator again and retry": the group moved or is loading. */
const COORDINATOR_CODES: ReadonlySet<ErrorName> = new Set<ErrorName>(['NOT_COORDINATOR', 'COORDINATOR_NOT_AVAILABLE', 'COORDINATOR_LOAD_IN_PROGRESS']);

export interface Coordinator {
  readonly nodeId: number;
  readonly address: string;
}

/**
 * An error from a Groups answer. Only the coordinator codes are retriable here: every other
 * code (UNKNOWN_TOPIC_OR_PARTITION included, which the table marks retriable for produce)
 * is the coordinator's final word on an admin request.
 */
export function groupError(errorCode: number, detail: string, address: string, message = ''): BrokerError {
  const code = errorNameOf(errorCode);
  return new BrokerError(code, `${detail}: ${code}${message ? ` (${message})` : ''}`, address, { retriable: COORDINATOR_CODES.has(code) });
}

/**
 * Where each group's coordinator is, cached by group id. A call goes to the cached
 * coordinator (found with FindCoordinator on any broker first); when it answers a
 * coordinator code or cannot be reached, the entry is dropped and the call is retried with
 * the client's backoff against a freshly found coordinator.
 */
export class GroupCoordinators {
  private readonly cache = new Map<string, Coordinator>();

  constructor(
    private readonly cluster: Cluster,
    private readonly channels: AdminChannels,
    private readonly retry: RetryOptions,
  ) {}

  /** Runs `operation` against the coordinator of `groupId`, retrying as described above. */
  call<T>(groupId: string, operation: (client: GroupsClient, coordinator: Coordinator) => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        const coordinator = this.cache.get(groupId) ?? (await this.find(groupId));
        try {
          return await operation(this.channels.groupsClient(coordinator.address), coordinator);
        } catch (error: unknown) {
          if (isRetriable(error)) this.cache.delete(groupId);
          throw error;
        }
      },
      this.retry,
      { isCancelled: () => this.cluster.isClosed },
    );
  }

  /** Calls `operation` once per broker of the cluster (ListGroups is answered per coordinator). */
  async everyBroker<T>(operation: (client: GroupsClient, brokerId: number) => Promise<T>): Promise<T[]> {
    await this.cluster.refreshMetadata();
    const brokers = this.cluster.metadata.allBrokers();
    return Promise.all(
      brokers.map((broker) => withRetry(() => operation(this.channels.groupsClient(broker.address), broker.id), this.retry, { isCancelled: () => this.cluster.isClosed })),
    );
  }

  private async find(groupId: string): Promise<Coordinator> {
    const broker = await this.cluster.anyBrokerClient();
    const response = await this.channels.groupsClient(broker.address).findCoordinator({ groupIds: [groupId] });
    const answer = response.coordinators.find((entry) => entry.groupId === groupId);
    if (answer === undefined) throw new BrokerError('COORDINATOR_NOT_AVAILABLE', `FindCoordinator on ${broker.address} did not answer for group ${groupId}`, broker.address);
    if (answer.errorCode !== 0) throw groupError(answer.errorCode, `FindCoordinator ${groupId}`, broker.address, answer.errorMessage);
    const coordinator = { nodeId: answer.nodeId, address: formatHostPort({ host: answer.host, port: answer.port }) };
    this.cache.set(groupId, coordinator);
    return coordinator;
  }
}
