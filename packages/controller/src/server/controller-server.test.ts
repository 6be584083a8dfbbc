import * as grpc from '@grpc/grpc-js';
import { controllerService, waitFor } from '@samsa/protocol';
import * as net from 'node:net';
import { silentLogger } from '@samsa/common';
import { Registry } from 'prom-client';
import { MemoryStorage } from 'raft-ts';
import { type ControllerServer, startControllerServer } from './controller-server';

/** Free loopback ports, found by binding port 0 and closing (the servers bind right after). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<net.Server>((resolve) => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

type Call = (request: object) => Promise<any>;

function clientFor(port: number) {
  const Client = controllerService();
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as any;
  const call = (method: string): Call => (request) =>
    new Promise((resolve, reject) => client[method](request, { deadline: Date.now() + 5000 }, (error: Error | null, response: any) => (error ? reject(error) : resolve(response))));
  return { client, call };
}

describe('three controllers in one process (MemoryStorage, real gRPC)', () => {
  const servers: ControllerServer[] = [];
  const clients: any[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('creates topics through the leader, registers and unfences a broker, fences it when heartbeats stop', async () => {
    const ports = await freePorts(3);
    const quorum = ports.map((port, index) => ({ id: index + 1, host: '127.0.0.1', port }));
    for (const peer of quorum) {
      servers.push(
        await startControllerServer({
          nodeId: peer.id,
          clusterId: 'test',
          dataDirectory: '/nonexistent',
          listen: { host: '127.0.0.1', port: peer.port },
          quorum,
          logger: silentLogger,
          registry: new Registry(),
          openStorage: (_directory, bootstrap) => new MemoryStorage(bootstrap),
          heartbeatIntervalMs: 100,
          sessionTimeoutMs: 600,
        }),
      );
    }
    const handles = ports.map((port) => clientFor(port));
    clients.push(...handles.map((handle) => handle.client));
    const leaderIndex = await waitFor('a controller leader', 15_000, async () => {
      const answers = await Promise.all(handles.map((handle) => handle.call('DescribeCluster')({}).catch(() => undefined)));
      const leader = answers[0]?.controllers.find((controller: { leader: boolean }) => controller.leader);
      return leader === undefined ? undefined : (leader.id as number) - 1;
    });
    const follower = handles[(leaderIndex + 1) % 3]!;
    const refused = await follower.call('CreateTopics')({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 1, configs: [] }] });
    expect(refused.error).toMatchObject({ name: 'NOT_CONTROLLER', leader: { id: leaderIndex + 1 } });

    const leader = handles[leaderIndex]!;
    const noBrokers = await leader.call('CreateTopics')({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 1, configs: [] }] });
    expect(noBrokers.topics[0].error.name).toBe('INVALID_REPLICATION_FACTOR');

    const registered = await leader.call('RegisterBroker')({ brokerId: 7, incarnationId: 'a', listeners: [{ name: 'client', host: '127.0.0.1', port: 9092 }], rack: '' });
    expect(registered.error).toBeNull();
    const heartbeat = () => leader.call('BrokerHeartbeat')({ brokerId: 7, brokerEpoch: registered.brokerEpoch, currentMetadataOffset: 1_000_000, wantShutdown: false });
    expect((await heartbeat()).state).toBe('unfenced');
    // Keep the session alive, as a broker would, until the test stops heartbeating: on a busy
    // machine the calls below can take longer than the 600 ms session.
    let beating = true;
    const beats = (async () => {
      while (beating) {
        await heartbeat().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const created = await leader.call('CreateTopics')({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 1, configs: [{ key: 'retention.ms', value: '1000' }] }] });
    expect(created.topics[0].error).toBeNull();
    const described = await leader.call('DescribeTopics')({ names: ['orders'] });
    expect(described.topics[0].partitions.map((partition: { leader: number }) => partition.leader)).toEqual([7, 7, 7]);
    expect(described.topics[0].configs).toEqual([{ key: 'retention.ms', value: '1000' }]);

    // Heartbeats stop: after the session timeout the broker is fenced and its partitions go offline.
    beating = false;
    await beats;
    await waitFor('the silent broker to be fenced', 10_000, async () => {
      const topic = (await leader.call('DescribeTopics')({ names: ['orders'] })).topics[0];
      return topic.partitions.every((partition: { leader: number }) => partition.leader === -1) ? true : undefined;
    });
    const cluster = await leader.call('DescribeCluster')({});
    expect(cluster.brokers).toEqual([expect.objectContaining({ id: 7, fenced: true })]);

    // Only the active controller streams the committed metadata: a follower refuses, naming the leader.
    const messagesOf = (handle: { client: any }) => {
      const stream = handle.client.FetchMetadata({ brokerId: 7, fromOffset: 0 });
      const messages: any[] = [];
      let ended = false;
      stream.on('data', (message: any) => messages.push(message));
      stream.on('end', () => (ended = true));
      stream.on('error', () => (ended = true));
      return { stream, messages, ended: () => ended };
    };
    const refusedStream = messagesOf(follower);
    await waitFor('the follower to refuse the stream', 5000, () => (refusedStream.ended() ? true : undefined));
    expect(refusedStream.messages).toEqual([expect.objectContaining({ entries: [], error: expect.objectContaining({ name: 'NOT_CONTROLLER', leader: expect.objectContaining({ id: leaderIndex + 1 }) }) })]);

    const served = messagesOf(leader);
    await waitFor('a metadata snapshot from the leader', 5000, () => (served.messages.length > 0 ? true : undefined));
    expect(served.messages[0].snapshot.length).toBeGreaterThan(0);
    expect(Number(served.messages[0].snapshotOffset)).toBeGreaterThan(0);
    // When the leader stops leading (here: it stops), its streams end with NOT_CONTROLLER.
    await servers.splice(leaderIndex, 1)[0]!.close();
    await waitFor('the stream to end', 5000, () => (served.ended() ? true : undefined));
    expect(served.messages.at(-1)).toMatchObject({ error: expect.objectContaining({ name: 'NOT_CONTROLLER' }) });
  });
});
