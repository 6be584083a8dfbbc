import * as grpc from '@grpc/grpc-js';
import { SamsaError, controllerService } from '@samsa/protocol';
import { ControllerClient, ControllerUnavailableError } from './controller-client';
import { backoffDelayMs } from './retry-backoff';

// Fake controllers: real gRPC servers on loopback whose answers each test scripts. They test
// the client's leader following and retries, not the controller itself.

type Handler = (request: Record<string, unknown>) => object | 'hang';

interface FakeController {
  readonly address: string;
  readonly port: number;
  calls: number;
  handler: Handler;
}

const servers: grpc.Server[] = [];
const clients: ControllerClient[] = [];

async function startFake(handler: Handler): Promise<FakeController> {
  const server = new grpc.Server();
  const fake = { address: '', port: 0, calls: 0, handler };
  const unary = (call: grpc.ServerUnaryCall<Record<string, unknown>, object>, callback: grpc.sendUnaryData<object>) => {
    fake.calls += 1;
    const answer = fake.handler(call.request);
    if (answer !== 'hang') callback(null, answer);
  };
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(controllerService().service)) implementation[method] = unary;
  server.addService(controllerService().service, implementation);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  servers.push(server);
  return Object.assign(fake, { address: `127.0.0.1:${port}`, port });
}

/** A port nobody listens on: bound, then released. */
async function deadAddress(): Promise<string> {
  const server = new grpc.Server();
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))));
  server.forceShutdown();
  return `127.0.0.1:${port}`;
}

function client(addresses: string[], overrides: Partial<ConstructorParameters<typeof ControllerClient>[0]> = {}): ControllerClient {
  const created = new ControllerClient({ addresses, backoff: { initialMs: 5, maxMs: 20 }, attemptTimeoutMs: 2_000, ...overrides });
  clients.push(created);
  return created;
}

const cluster = { error: null, clusterId: 'test-cluster', controllers: [{ id: 1, address: 'x', leader: true }], brokers: [], metadataOffset: 7 };
const notController = (leader: { id: number; host: string; port: number } | null) => ({ error: { code: 41, name: 'NOT_CONTROLLER', message: 'not the leader', leader } });

afterEach(() => {
  for (const created of clients.splice(0)) created.close();
  for (const server of servers.splice(0)) server.forceShutdown();
});

describe('ControllerClient', () => {
  test('moveAwayFrom: to the leader a NOT_CONTROLLER names, else past the controller that failed, unless already moved on', () => {
    const created = client(['127.0.0.1:1001', '127.0.0.1:1002']);
    created.moveAwayFrom('127.0.0.1:1001', { id: 3, host: '127.0.0.1', port: 1003 });
    expect(created.currentAddress).toBe('127.0.0.1:1003');
    created.moveAwayFrom('127.0.0.1:1001');
    expect(created.currentAddress).toBe('127.0.0.1:1003');
    created.moveAwayFrom('127.0.0.1:1003', null);
    expect(created.currentAddress).toBe('127.0.0.1:1001');
  });

  test('a call answered without error returns the response, int64 fields as numbers', async () => {
    const leader = await startFake(() => cluster);
    const response = await client([leader.address]).describeCluster();
    expect(response.clusterId).toBe('test-cluster');
    expect(response.metadataOffset).toBe(7);
    expect(response.controllers).toEqual([{ id: 1, address: 'x', leader: true }]);
  });

  test('NOT_CONTROLLER with a leader address is followed, and the leader is remembered', async () => {
    const leader = await startFake(() => cluster);
    const follower = await startFake(() => notController({ id: 2, host: '127.0.0.1', port: leader.port }));
    const controllerClient = client([follower.address]);
    await controllerClient.describeCluster();
    await controllerClient.describeCluster();
    expect(follower.calls).toBe(1);
    expect(leader.calls).toBe(2);
    expect(controllerClient.currentAddress).toBe(leader.address);
  });

  test('an unreachable controller is skipped for the next one', async () => {
    const dead = await deadAddress();
    const leader = await startFake(() => cluster);
    const response = await client([dead, leader.address]).describeCluster();
    expect(response.clusterId).toBe('test-cluster');
  });

  test('an attempt past its deadline moves on to the next controller', async () => {
    const hung = await startFake(() => 'hang');
    const leader = await startFake(() => cluster);
    const response = await client([hung.address, leader.address], { attemptTimeoutMs: 200 }).describeCluster();
    expect(response.clusterId).toBe('test-cluster');
    expect(hung.calls).toBe(1);
  });

  test('NOT_CONTROLLER without a leader (an election) retries with backoff until a leader answers', async () => {
    let answers = 0;
    const controller = await startFake(() => (++answers < 3 ? notController(null) : cluster));
    const response = await client([controller.address]).describeCluster();
    expect(response.clusterId).toBe('test-cluster');
    expect(controller.calls).toBe(3);
  });

  test('an error code in the response becomes a SamsaError with that code, not retried', async () => {
    const leader = await startFake(() => ({ error: { code: 36, name: 'TOPIC_ALREADY_EXISTS', message: 'topic "orders" already exists', leader: null }, topics: [] }));
    const call = client([leader.address]).createTopics({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }] });
    await expect(call).rejects.toThrow(SamsaError);
    await expect(call).rejects.toMatchObject({ code: 'TOPIC_ALREADY_EXISTS', message: 'topic "orders" already exists' });
    expect(leader.calls).toBe(1);
  });

  test('requests reach the server with their fields', async () => {
    let seen: Record<string, unknown> | undefined;
    const leader = await startFake((request) => {
      seen = request;
      return { error: null, topics: [{ name: 'orders', topicId: 'id-1', error: null }] };
    });
    const response = await client([leader.address]).createTopics({ topics: [{ name: 'orders', partitions: 6, replicationFactor: 3, configs: [{ key: 'retention.ms', value: '1000' }] }] });
    expect(seen).toEqual({ topics: [{ name: 'orders', partitions: 6, replicationFactor: 3, configs: [{ key: 'retention.ms', value: '1000' }] }] });
    expect(response.topics[0]).toEqual({ name: 'orders', topicId: 'id-1', error: null });
  });

  test('when no controller can be reached, the error names every address tried', async () => {
    const first = await deadAddress();
    const second = await deadAddress();
    const call = client([first, second], { attemptsMax: 4 }).describeCluster();
    await expect(call).rejects.toThrow(ControllerUnavailableError);
    await expect(call).rejects.toMatchObject({ code: 'NETWORK_EXCEPTION', addressesTried: [first, second] });
    await expect(call).rejects.toThrow(new RegExp(`${first}, ${second} after 4 attempts`));
  });

  test('controllers that keep answering NOT_CONTROLLER give up with NOT_CONTROLLER after attemptsMax', async () => {
    const controller = await startFake(() => notController(null));
    const call = client([controller.address], { attemptsMax: 3 }).describeCluster();
    await expect(call).rejects.toMatchObject({ code: 'NOT_CONTROLLER' });
    expect(controller.calls).toBe(3);
  });

  test('two controllers naming each other do not spin: the attempts stay bounded', async () => {
    const first = await startFake(() => notController(null));
    const second = await startFake(() => notController({ id: 1, host: '127.0.0.1', port: first.port }));
    first.handler = () => notController({ id: 2, host: '127.0.0.1', port: second.port });
    await expect(client([first.address], { attemptsMax: 5 }).describeCluster()).rejects.toMatchObject({ code: 'NOT_CONTROLLER' });
    expect(first.calls + second.calls).toBe(5);
  });

  test('a bad address is refused at construction, naming it', () => {
    expect(() => new ControllerClient({ addresses: ['localhost'] })).toThrow('controller address "localhost"');
    expect(() => new ControllerClient({ addresses: [] })).toThrow(RangeError);
  });
});

describe('backoffDelayMs', () => {
  const policy = { initialMs: 100, maxMs: 1_000 };
  test('doubles from initialMs, keeps the upper half of each step, and caps at maxMs', () => {
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelayMs(retry, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelayMs(retry, policy, () => 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  test('refuses nonsense arguments as programmer errors', () => {
    expect(() => backoffDelayMs(-1, policy, () => 0)).toThrow(RangeError);
    expect(() => backoffDelayMs(0, { initialMs: 0, maxMs: 1 }, () => 0)).toThrow(RangeError);
    expect(() => backoffDelayMs(0, policy, () => 1)).toThrow(RangeError);
  });
});
