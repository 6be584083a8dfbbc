import { SamsaError } from '@samsa/protocol';
import type { Admin } from './admin';
import { Samsa } from '../samsa';
import { FakeCluster } from '../test-support/fake-cluster';
import { FakeGroupsAdmin } from '../test-support/fake-groups-admin';

let cluster: FakeCluster;
let fake: FakeGroupsAdmin;
let samsa: Samsa;
let admin: Admin;

beforeEach(async () => {
  cluster = await FakeCluster.start(2);
  fake = FakeGroupsAdmin.attach(cluster);
  cluster.createTopic('orders', 2);
  samsa = new Samsa({ bootstrap: cluster.bootstrap, requestTimeoutMs: 2_000, retry: { initialRetryTimeMs: 5, maxRetryTimeMs: 40, retries: 5 } });
  admin = samsa.admin();
});

afterEach(async () => {
  admin.close();
  await samsa.close();
  await cluster.stop();
});

describe('topic configs', () => {
  it('sets and deletes keys, and describes what is set, sorted', async () => {
    expect(await admin.describeConfigs('orders')).toEqual({});
    await admin.alterConfigs('orders', { 'retention.ms': 60_000, 'cleanup.policy': 'compact' });
    expect(await admin.describeConfigs('orders')).toEqual({ 'cleanup.policy': 'compact', 'retention.ms': '60000' });
    await admin.alterConfigs('orders', { 'cleanup.policy': null });
    expect(await admin.describeConfigs('orders')).toEqual({ 'retention.ms': '60000' });
  });

  it('passes on the controller\'s refusal (all changes or none) and an unknown topic, without retrying', async () => {
    const invalid = await admin.alterConfigs('orders', { 'retention.ms': 1, 'no.such.key': 'x' }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(SamsaError);
    expect((invalid as SamsaError).code).toBe('INVALID_CONFIG');
    expect(fake.topicConfigs.get('orders')?.size ?? 0).toBe(0);
    const unknown = await admin.describeConfigs('nope').catch((error: unknown) => error);
    expect((unknown as SamsaError).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    const unknownAlter = await admin.alterConfigs('nope', { 'retention.ms': 1 }).catch((error: unknown) => error);
    expect((unknownAlter as SamsaError).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(fake.calls.filter((call) => call.method === 'AlterConfigs')).toHaveLength(2);
  });

  it('throws programmer errors for bad arguments before calling anyone', async () => {
    await expect(admin.alterConfigs('orders', {})).rejects.toThrow(TypeError);
    await expect(admin.alterConfigs('orders', { '': 'x' })).rejects.toThrow(TypeError);
    await expect(admin.alterConfigs('orders', { 'retention.ms': [1] as never })).rejects.toThrow(TypeError);
    await expect(admin.describeConfigs('')).rejects.toThrow(TypeError);
    expect(fake.calls.filter((call) => call.method === 'AlterConfigs')).toHaveLength(0);
  });

  it('keeps createPartitions under the name addPartitions', async () => {
    await admin.addPartitions({ name: 'orders', partitions: 4 });
    expect(cluster.topics.get('orders')).toHaveLength(4);
  });
});
