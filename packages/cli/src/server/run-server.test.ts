import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ControllerServerOptions } from './controller-role';
import { runServer } from './run-server';
import { type ServerPlan, loadServerPlan } from './server-config';

// `samsa server`'s lifecycle around a fake controller role: what the role is given, the
// HTTP endpoints answering with its health, and a clean stop. The real role is tested by
// the controller's integration tests.

let directory: string;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-server-'));
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

function testPlan(): ServerPlan {
  return loadServerPlan({ 'node-id': '2', roles: 'controller', 'data-dir': path.join(directory, 'node'), 'controller-listen': '127.0.0.1:0', 'http-listen': '127.0.0.1:0', 'controller-quorum': '2@127.0.0.1:0', 'log-level': 'silent' }, {});
}

const io = () => {
  const output = { stderr: '' };
  return { output, io: { stdout: () => {}, stderr: (text: string) => void (output.stderr += text), env: {} } };
};

test('starts the controller role with the plan, serves its health on --http-listen, stops cleanly with 0', async () => {
  let given: ControllerServerOptions | undefined;
  let closed = false;
  let ready = false;
  let stop: (signal: string) => void = () => {};
  const shutdownSignal = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let started: (httpPort: number) => void = () => {};
  const startedPort = new Promise<number>((resolve) => {
    started = resolve;
  });
  const { io: commandIo } = io();
  const running = runServer(testPlan(), commandIo, {
    shutdownSignal,
    onStarted: (ports) => started(ports.httpPort),
    startController: async (options) => {
      given = options;
      return { port: 1234, health: () => ({ ok: true }), ready: () => ({ ok: ready, detail: { role: 'leader' } }), close: async () => void (closed = true) };
    },
  });
  const httpPort = await startedPort;
  expect(given).toMatchObject({ nodeId: 2, clusterId: 'samsa-local', dataDirectory: path.join(directory, 'node'), listen: { host: '127.0.0.1', port: 0 }, quorum: [{ id: 2, host: '127.0.0.1', port: 0 }] });
  expect(fs.existsSync(path.join(directory, 'node'))).toBe(true);
  expect((await fetch(`http://127.0.0.1:${httpPort}/healthz`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(503);
  ready = true;
  expect(await (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).json()).toEqual({ ok: true, role: 'leader' });
  expect(await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text()).toContain('node_id="2"');
  stop('SIGTERM');
  expect(await running).toBe(0);
  expect(closed).toBe(true);
});

test('reports the ports it bound, the broker\'s included, once every listener is up', async () => {
  const plan = loadServerPlan({ 'node-id': '3', roles: 'broker', 'data-dir': path.join(directory, 'node'), listen: '127.0.0.1:0', 'http-listen': '127.0.0.1:0', 'controller-quorum': '1@127.0.0.1:1', 'log-level': 'silent' }, {});
  let stop: (signal: string) => void = () => {};
  const shutdownSignal = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let reported: (ports: { brokerPort: number; controllerPort: number; httpPort: number }) => void = () => {};
  const ports = new Promise<{ brokerPort: number; controllerPort: number; httpPort: number }>((resolve) => {
    reported = resolve;
  });
  const { io: commandIo } = io();
  const running = runServer(plan, commandIo, {
    shutdownSignal,
    onStarted: (started) => reported(started),
    startBroker: async (options) => {
      expect(options.listen).toEqual({ host: '127.0.0.1', port: 0 });
      return { port: 43_210, health: () => ({ ok: true }), ready: () => ({ ok: true }), close: async () => undefined };
    },
  });
  const started = await ports;
  expect(started).toEqual({ brokerPort: 43_210, controllerPort: -1, httpPort: expect.any(Number) });
  expect(started.httpPort).toBeGreaterThan(0);
  expect((await fetch(`http://127.0.0.1:${started.httpPort}/readyz`)).status).toBe(200);
  stop('SIGTERM');
  expect(await running).toBe(0);
});

test('a controller role that cannot start is one line on stderr and exit 1', async () => {
  const { io: commandIo, output } = io();
  const code = await runServer(testPlan(), commandIo, {
    shutdownSignal: new Promise(() => {}),
    startController: async () => {
      throw new Error('listen EADDRINUSE: address already in use 127.0.0.1:9093\nmore detail');
    },
  });
  expect(code).toBe(1);
  expect(output.stderr).toBe('samsa: cannot start the controller on 127.0.0.1:0: listen EADDRINUSE: address already in use 127.0.0.1:9093\n');
});

test('a data directory that cannot be created is a bad --data-dir', async () => {
  const file = path.join(directory, 'file');
  fs.writeFileSync(file, '');
  const plan = { ...testPlan(), dataDirectory: path.join(file, 'sub') };
  const { io: commandIo } = io();
  await expect(runServer(plan, commandIo, { shutdownSignal: new Promise(() => {}) })).rejects.toThrow(/^invalid --data-dir: cannot use .*sub: /);
});
