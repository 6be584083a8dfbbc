import { type ControllerWire, errorNameOf } from '@samsa/protocol';
import type { Cluster } from '../cluster/cluster';
import { BrokerError } from '../errors/client-errors';
import { withRetry, type RetryOptions } from '../errors/retry';
import type { AdminChannels } from './group-admin-channels';

/** A topic config change: a string sets the key, null deletes it (it takes its default again). */
export type ConfigChanges = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Topic configs: read from DescribeTopics (only the keys set on the topic; the rest take the
 * broker's defaults), changed with AlterConfigs, which any broker forwards to the active
 * controller. The controller checks keys and values (INVALID_CONFIG naming the key) and
 * applies all changes of a call or none.
 */
export class ConfigAdmin {
  constructor(
    private readonly cluster: Cluster,
    private readonly channels: AdminChannels,
    private readonly retry: RetryOptions,
  ) {}

  async describeConfigs(topic: string): Promise<Record<string, string>> {
    checkTopic('describeConfigs', topic);
    return this.call(async (address) => {
      const response = await this.cluster.client(address).describeTopics([topic]);
      throwIfError(response.error, `describeConfigs ${topic}`, address);
      const found = response.topics.find((entry) => entry.name === topic);
      if (found === undefined) throw new BrokerError('UNKNOWN_TOPIC_OR_PARTITION', `describeConfigs: topic ${topic} does not exist`, address, { retriable: false });
      throwIfError(found.error, `describeConfigs ${topic}`, address);
      const entries = [...found.configs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return Object.fromEntries(entries.map((config) => [config.key, config.value]));
    });
  }

  async alterConfigs(topic: string, changes: ConfigChanges): Promise<void> {
    checkTopic('alterConfigs', topic);
    const wire = checkChanges(changes);
    await this.call(async (address) => {
      const response = await this.channels.brokerCall<ControllerWire.AlterConfigsResponse__Output>(address, 'AlterConfigs', { resourceType: 'topic', name: topic, changes: wire });
      throwIfError(response.error, `alterConfigs ${topic}`, address);
    });
  }

  private call<T>(operation: (address: string) => Promise<T>): Promise<T> {
    return withRetry(async () => operation((await this.cluster.anyBrokerClient()).address), this.retry, { isCancelled: () => this.cluster.isClosed });
  }
}

function checkTopic(what: string, topic: unknown): void {
  if (typeof topic !== 'string' || topic.length === 0) throw new TypeError(`${what}: expected a topic name, got ${JSON.stringify(topic)}`);
}

function checkChanges(changes: ConfigChanges): ControllerWire.ConfigChange[] {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) throw new TypeError('alterConfigs: expected an object of { key: value } (null deletes a key)');
  const entries = Object.entries(changes);
  if (entries.length === 0) throw new TypeError('alterConfigs: no changes given');
  return entries.map(([key, value]) => {
    if (key.length === 0) throw new TypeError('alterConfigs: a config key is empty');
    if (value === null) return { key, hasValue: false };
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`alterConfigs: config ${key} must be a string, number, boolean or null, got ${typeof value}`);
    return { key, hasValue: true, value: String(value) };
  });
}

/** The controller's refusal; an unknown topic is final here (the table marks it retriable for produce). */
function throwIfError(error: ControllerWire.Error__Output | null, what: string, address: string): void {
  if (error === null || error.code === 0) return;
  const name = errorNameOf(error.code);
  const options = name === 'UNKNOWN_TOPIC_OR_PARTITION' ? { retriable: false } : {};
  throw new BrokerError(name, `${what}: ${name}${error.message ? ` (${error.message})` : ''}`, address, options);
}
