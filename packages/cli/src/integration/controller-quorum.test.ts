import { ControllerClient } from '@samsa/metadata';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';
import { FakeBroker } from './fake-broker';

/**
 * Three `samsa server --roles controller` processes on loopback. Topics are created through
 * whichever controller leads; the leader is SIGKILLed; a new leader serves the same
 * metadata; the killed node restarts from its snapshot and log and catches up; a broker
 * that stops heartbeating is fenced and its partitions get new leaders from their ISR.
 */
jest.setTimeout(120_000);

describe('the controller quorum across real processes', () => {
  let cluster: ControllerCluster;
  let client: ControllerClient;
  const brokers: FakeBroker[] = [];

  afterEach(async () => {
    for (const broker of brokers.splice(0)) broker.close();
    client?.close();
    if (cluster !== undefined) {
      const failed = expect.getState().assertionCalls !== expect.getState().numPassingAsserts;
      if (failed) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} output (tail) ---\n${node.output.slice(-4000)}\n`);
      await cluster.destroy();
    }
  });

  const describeAll = async () => {
    const response = await client.describeTopics({ names: [] });
    return response.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) => ({ partition: partition.partition, replicas: partition.replicas, isr: partition.isr, leader: partition.leader })),
    }));
  };

  it('survives the loss of its leader, restarts a member from snapshot and log, and fences a silent broker', async () => {
    // Snapshots every 20 entries, so the restarted node must load one.
    cluster = await ControllerCluster.create(3, ['--metadata-snapshot-entries', '20']);
    await cluster.startAll();
    const firstLeader = await cluster.waitForLeader(30_000);
    client = new ControllerClient({ addresses: cluster.controllerAddresses.split(','), attemptsMax: 40, callTimeoutMs: 30_000 });

    for (const brokerId of [101, 102, 103]) {
      const broker = new FakeBroker(brokerId, cluster.controllerAddresses);
      brokers.push(broker);
      await broker.register();
    }
    await waitFor('three unfenced brokers', 20_000, async () => {
      const cluster = await client.describeCluster();
      return cluster.brokers.filter((broker) => !broker.fenced).length === 3 ? true : undefined;
    });
    // 30 topics: past the snapshot interval, so every controller holds a snapshot and a log tail.
    for (let index = 0; index < 30; index += 1) {
      const response = await client.createTopics({ topics: [{ name: `topic-${index}`, partitions: 3, replicationFactor: 3, configs: [{ key: 'min.insync.replicas', value: '2' }] }] });
      expect(response.topics[0]!.error).toBeNull();
    }
    const before = await describeAll();
    expect(before).toHaveLength(30);

    await cluster.kill(firstLeader);
    const secondLeader = await cluster.waitForLeader(30_000);
    expect(secondLeader).not.toBe(firstLeader);
    expect(await describeAll()).toEqual(before);
    const created = await client.createTopics({ topics: [{ name: 'after-failover', partitions: 1, replicationFactor: 3, configs: [] }] });
    expect(created.topics[0]!.error).toBeNull();

    // More metadata while it is down, so it has a log tail to replay after its snapshot.
    for (let index = 0; index < 25; index += 1) {
      const response = await client.createTopics({ topics: [{ name: `while-down-${index}`, partitions: 1, replicationFactor: 2, configs: [] }] });
      expect(response.topics[0]!.error).toBeNull();
    }
    const outputBeforeRestart = cluster.outputOf(firstLeader).length;
    cluster.start(firstLeader);
    await waitFor('the restarted controller to catch up', 30_000, async () => {
      const restarted = await cluster.readiness(firstLeader).catch(() => undefined);
      const leader = await cluster.readiness(secondLeader);
      return restarted?.ok && (restarted as { appliedIndex?: number }).appliedIndex! >= (leader as { commitIndex?: number }).commitIndex! ? true : undefined;
    });

    expect(cluster.outputOf(firstLeader).slice(outputBeforeRestart)).toContain('restored the metadata image from a snapshot');
    const restartedView = new ControllerClient({ addresses: [`127.0.0.1:${cluster.node(firstLeader).controllerPort}`] });
    try {
      const offsets = await Promise.all([restartedView.describeCluster(), client.describeCluster()]);
      expect(offsets[0].metadataOffset).toBe(offsets[1].metadataOffset);
    } finally {
      restartedView.close();
    }

    // Broker 101 goes silent: it is fenced, leaves the ISRs, and its partitions move.
    const led = (await describeAll()).flatMap((topic) => topic.partitions.filter((partition) => partition.leader === 101));
    expect(led.length).toBeGreaterThan(0);
    brokers[0]!.stopHeartbeats();
    await waitFor('broker 101 to be fenced and lose its leaderships', 30_000, async () => {
      const topics = await describeAll();
      const partitions = topics.flatMap((topic) => topic.partitions);
      const moved = partitions.every((partition) => partition.leader !== 101 && partition.leader !== -1 && !partition.isr.includes(101));
      return moved ? true : undefined;
    });
    const fenced = (await client.describeCluster()).brokers.find((broker) => broker.id === 101);
    expect(fenced?.fenced).toBe(true);
  });
});
