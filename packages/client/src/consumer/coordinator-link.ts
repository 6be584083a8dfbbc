import { errorNameOf, formatHostPort } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { BrokerError, ClosedError } from '../errors/client-errors';
import { GroupsClient } from './groups-client';

/**
 * Where a group's coordinator is, and a client to it. FindCoordinator goes to any broker;
 * the answer is kept until `forget()` (after NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, a
 * lost connection). Clients are kept per address until `close()`.
 */
export class CoordinatorLink {
  private coordinator: GroupsClient | undefined;
  private lookup: Promise<GroupsClient> | undefined;
  private readonly clients = new Map<string, GroupsClient>();
  private closed = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly groupId: string,
    private readonly requestTimeoutMs: number,
  ) {}

  /** The coordinator's client, looked up when unknown (concurrent callers share one lookup). */
  current(): Promise<GroupsClient> {
    if (this.closed) return Promise.reject(new ClosedError('the consumer is closed'));
    if (this.coordinator !== undefined) return Promise.resolve(this.coordinator);
    this.lookup ??= this.find().finally(() => {
      this.lookup = undefined;
    });
    return this.lookup;
  }

  /** The coordinator moved or is unreachable: the next call looks it up again. */
  forget(): void {
    this.coordinator = undefined;
  }

  /** The address of the coordinator, when known. */
  get address(): string | undefined {
    return this.coordinator?.address;
  }

  close(): void {
    this.closed = true;
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
    this.coordinator = undefined;
  }

  private clientFor(address: string): GroupsClient {
    let client = this.clients.get(address);
    if (client === undefined) this.clients.set(address, (client = new GroupsClient(address, this.requestTimeoutMs)));
    return client;
  }

  private async find(): Promise<GroupsClient> {
    const broker = await this.cluster.anyBrokerClient();
    const response = await this.clientFor(broker.address).findCoordinator({ groupIds: [this.groupId] });
    const found = response.coordinators.find((entry) => entry.groupId === this.groupId);
    if (found === undefined) throw new BrokerError('COORDINATOR_NOT_AVAILABLE', `FindCoordinator on ${broker.address} did not name group ${this.groupId}'s coordinator`, broker.address);
    if (found.errorCode !== 0) {
      const code = errorNameOf(found.errorCode);
      throw new BrokerError(code, `FindCoordinator for group ${this.groupId} on ${broker.address}: ${code}${found.errorMessage ? ` (${found.errorMessage})` : ''}`, broker.address);
    }
    if (this.closed) throw new ClosedError('the consumer is closed');
    this.coordinator = this.clientFor(formatHostPort({ host: found.host, port: found.port }));
    return this.coordinator;
  }
}
