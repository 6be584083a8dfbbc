import * as net from 'node:net';
import { LocalCluster } from '../local-cluster/local-cluster';

/**
 * How LocalCluster's nodes get their ports, with one-node clusters: the broker and HTTP
 * listeners bind port 0 and the node reports them, the same ports again after a restart; a
 * controller port taken before the node binds it makes the cluster start again on fresh ones;
 * a port taken while its node was down is reported as such.
 */
jest.setTimeout(90_000);

/** Holds `port` on 127.0.0.1 as another process would. */
function occupy(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const closeServer = (server: net.Server) => new Promise((resolve) => server.close(resolve));

describe('LocalCluster ports', () => {
  let cluster: LocalCluster | undefined;
  const held: net.Server[] = [];

  afterEach(async () => {
    await Promise.all(held.splice(0).map(closeServer));
    if (cluster !== undefined) {
      const state = expect.getState();
      if (state.assertionCalls !== state.numPassingAsserts) for (const node of cluster.nodes) process.stderr.write(`--- node ${node.id} (tail) ---\n${node.output.slice(-3000)}\n`);
      await cluster.destroy();
      cluster = undefined;
    }
  });

  test('a node reports the broker and HTTP ports it bound, and binds them again after a restart', async () => {
    cluster = await LocalCluster.combined(1);
    const node = cluster.node(1);
    expect([node.brokerPort, node.httpPort]).toEqual([0, 0]);
    expect(() => cluster!.bootstrap).toThrow(/has not reported its broker port yet/);
    await cluster.startAndWait(60_000);
    const first = { broker: node.brokerPort, http: node.httpPort };
    expect(first.broker).toBeGreaterThan(0);
    expect(first.http).toBeGreaterThan(0);
    expect(cluster.bootstrap).toEqual([`127.0.0.1:${first.broker}`]);
    expect((await cluster.readiness(1))?.ok).toBe(true);

    await cluster.kill(1);
    cluster.start(1);
    await cluster.waitForBrokersReady(60_000);
    expect({ broker: node.brokerPort, http: node.httpPort }).toEqual(first);
  });

  test('a controller port taken before the start: the cluster starts again on fresh controller ports', async () => {
    cluster = await LocalCluster.create(1);
    const taken = cluster.node(1).controllerPort;
    held.push(await occupy(taken));
    await cluster.startAll(60_000);
    expect(cluster.node(1).controllerPort).not.toBe(taken);
    expect(cluster.outputOf(1)).toContain(`controller port in use (node 1's ${taken})`);
    expect(await cluster.waitForLeader(30_000)).toBe(1);
  });

  test('a port taken while its node was down fails the wait at once, saying so', async () => {
    cluster = await LocalCluster.combined(1);
    await cluster.startAndWait(60_000);
    const port = cluster.node(1).brokerPort;
    await cluster.kill(1);
    held.push(await occupy(port));
    cluster.start(1);
    const started = Date.now();
    await expect(cluster.waitForBrokersReady(60_000)).rejects.toThrow(/^node 1 could not start again on the ports it had \(.*broker 127\.0\.0\.1:\d+.*\): another process took one of them while it was down: samsa: cannot start the broker on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
