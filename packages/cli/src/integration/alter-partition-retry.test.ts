import { Samsa } from '@samsa/client';
import { waitFor } from '@samsa/protocol';
import { ControllerCluster } from './cluster-harness';

/**
 * Issue 9, finding 1, across real processes: with two of three combined nodes down, the third
 * leads a partition whose followers are gone, so after replica.lag.time.max.ms (10 s) it
 * proposes to shrink the ISR. No controller quorum is left to answer: the AlterPartition
 * fails with a retriable error once the controller client gives up (about 15 s of attempts),
 * and the broker resends it 200 ms later. Before commit 36755e9 that resend began the
 * proposal again and tripped the leader state's one-in-flight assertion inside a timer, and
 * the process (broker and controller both) exited, about 40 s after the other two went
 * down. The test waits for the resend and checks that the node is still there and still
 * serves the partition it leads.
 */
jest.setTimeout(120_000);

const TOPIC = 'lonely';

describe('the last node of three, alone without a controller quorum', () => {
  let cluster: ControllerCluster | undefined;
  let samsa: Samsa | undefined;

  afterEach(async () => {
    await samsa?.close().catch(() => undefined);
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-4000)}\n`);
      await cluster.destroy();
    }
  });

  it('survives its AlterPartition failing and being resent', async () => {
    cluster = await ControllerCluster.combined(3, { logLevel: 'debug', outputTailChars: 2_000_000 });
    await cluster.startAndWait(60_000);
    const everyone = new Samsa({ bootstrap: cluster.bootstrap, clientId: 'it', requestTimeoutMs: 10_000 });
    samsa = everyone;
    await everyone.admin().createTopic({ name: TOPIC, partitions: 1, replicationFactor: 3 });
    const survivor = await waitFor('a leader and a full ISR', 30_000, async () => {
      await everyone.refreshMetadata();
      const partition = everyone.metadata.topic(TOPIC)?.partitions[0];
      return partition !== undefined && partition.leader >= 0 && partition.isr.length === 3 ? partition.leader : undefined;
    });
    await everyone.close();

    for (const node of cluster.nodes) if (node.id !== survivor) await cluster.kill(node.id);
    // One record the followers will never fetch: from now on they lag, and the leader proposes to drop them.
    const alone = new Samsa({ bootstrap: [`127.0.0.1:${cluster.node(survivor).brokerPort}`], clientId: 'it-alone', requestTimeoutMs: 10_000 });
    samsa = alone;
    const producer = alone.producer({ acks: 1, idempotent: false, lingerMs: 0, deliveryTimeoutMs: 20_000 });
    await producer.send(TOPIC, [{ value: 'first', partition: 0 }]);

    const outcome = await waitFor('the survivor to resend its failed AlterPartition', 75_000, () => {
      if (cluster!.node(survivor).process === undefined) return { exited: true };
      return cluster!.outputOf(survivor).includes('resent the pending AlterPartition') ? { exited: false } : undefined;
    });
    expect(outcome).toEqual({ exited: false });
    expect(cluster.outputOf(survivor)).toMatch(/"action":"retry","msg":"AlterPartition failed"/);

    // Still there, and still serving the partition it leads.
    const [meta] = await producer.send(TOPIC, [{ value: 'second', partition: 0 }]);
    expect(meta!.offset).toBe(1n);
    await producer.close();
    expect(cluster.node(survivor).process).toBeDefined();
  });
});
