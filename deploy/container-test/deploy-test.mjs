#!/usr/bin/env node
// @ts-check
// The container test (`npm run test:deploy`): builds deploy/Dockerfile with podman, starts
// docker-compose.yml with podman-compose, uses the cluster through the published ports with
// this repository's CLI, SIGKILLs a node and checks the cluster keeps serving, adds the
// fourth broker of deploy/docker-compose.broker-4.yml, runs the split layout of
// deploy/docker-compose.split.yml, and removes every container, volume, network and image it
// made. deploy/README.md says what it needs (root, podman, runc, podman-compose, mmdebstrap,
// two containers.conf settings) and why it works the way it does. 6 to 8 minutes on 2 cores.
//
// Traffic: the image is built with --network none (npm installs from the host's npm cache,
// which the test first completes with the host's npm), the base images come from mmdebstrap
// on the host (apt, this machine's mirror), and the containers talk only inside the compose
// networks and to the host through ports published on 127.0.0.1.
//
// Environment: SAMSA_DEPLOY_TEST_PORT_BASE (24000: node N uses BASE+100N+92/93/44/45, below the
// ephemeral range 32768+ so no outgoing connection holds one),
// SAMSA_DEPLOY_TEST_RECORDS (2000 records per produce), SAMSA_DEPLOY_TEST_SPLIT (1; 0 skips
// the split layout), SAMSA_DEPLOY_TEST_KEEP_TMP (1 keeps the temp dir with the logs),
// SAMSA_DEPLOY_TEST_BASE_IMAGE and SAMSA_DEPLOY_TEST_BUILD_IMAGE (use these local base
// images instead of making them with mmdebstrap: saves about 2 minutes when iterating).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'packages', 'cli', 'dist', 'bin', 'samsa.js');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const BROKER4_FILE = path.join(ROOT, 'deploy', 'docker-compose.broker-4.yml');
const SPLIT_FILE = path.join(ROOT, 'deploy', 'docker-compose.split.yml');

const PORT_BASE = Number(process.env.SAMSA_DEPLOY_TEST_PORT_BASE ?? 24000);
const RECORDS = Number(process.env.SAMSA_DEPLOY_TEST_RECORDS ?? 2000);
const RUN_SPLIT = process.env.SAMSA_DEPLOY_TEST_SPLIT !== '0';
const KEEP_TMP = process.env.SAMSA_DEPLOY_TEST_KEEP_TMP === '1';

// One id per run names everything the test creates, so cleanup removes exactly that.
const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;
// Base images given by the caller are used as they are and never removed.
const GIVEN_RUNTIME_BASE = process.env.SAMSA_DEPLOY_TEST_BASE_IMAGE;
const GIVEN_BUILD_BASE = process.env.SAMSA_DEPLOY_TEST_BUILD_IMAGE ?? GIVEN_RUNTIME_BASE;
const RUNTIME_BASE = GIVEN_RUNTIME_BASE ?? `localhost/samsa-deploy-test-runtime-base:${RUN_ID}`;
const BUILD_BASE = GIVEN_BUILD_BASE ?? `localhost/samsa-deploy-test-build-base:${RUN_ID}`;
const IMAGE = `localhost/samsa-deploy-test:${RUN_ID}`;
const PROJECT = `samsadt${RUN_ID}`;
const SPLIT_PROJECT = `samsadts${RUN_ID}`;
const LABEL = `samsa-deploy-test=${RUN_ID}`;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const log = (message) => process.stderr.write(`[deploy-test ${elapsed()}] ${message}\n`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-deploy-test-'));

// ---------------------------------------------------------------- processes

/**
 * Runs a command; resolves with its output, rejects (with the output's tail) on a non-zero
 * exit, unless `allowFailure`. Output also goes to `logFile` when given.
 * @param {string} command @param {string[]} args
 * @param {{ input?: string, timeoutMs?: number, env?: NodeJS.ProcessEnv, cwd?: string, allowFailure?: boolean, logFile?: string }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(command, args, options = {}) {
  const { input, timeoutMs = 120_000, env = process.env, cwd = ROOT, allowFailure = false, logFile } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const sink = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
    sink?.write(`$ ${command} ${args.join(' ')}\n`);
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; sink?.write(d); });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; sink?.write(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => { clearTimeout(timer); sink?.end(); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      sink?.end();
      if (code === 0 || allowFailure) return resolve({ code, stdout, stderr });
      const tail = (s) => s.trim().split('\n').slice(-15).join('\n');
      reject(new Error(`${command} ${args.slice(0, 6).join(' ')}${args.length > 6 ? ' …' : ''} ` +
        `${signal ? `killed by ${signal} (timeout ${timeoutMs} ms?)` : `exited ${code}`}\n${tail(stdout)}\n${tail(stderr)}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

const podman = (args, options) => run('podman', args, options);

/** Polls `check` until it returns a truthy value; throws `what` after `timeoutMs`. */
async function waitFor(what, timeoutMs, check, intervalMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last: ${last.message ?? last})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------- cleanup

/** @type {Array<{ what: string, action: () => Promise<unknown> }>} */
const cleanups = [];
const onCleanup = (what, action) => cleanups.unshift({ what, action });
let cleaningUp = false;
async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  for (const { what, action } of cleanups.splice(0)) {
    try {
      await action();
    } catch (error) {
      log(`cleanup: ${what} failed: ${error.message.split('\n')[0]}`);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

// ---------------------------------------------------------------- checks before anything

async function preflight() {
  if (process.getuid?.() !== 0) throw new Error('needs root (rootful podman, mmdebstrap --mode=root, a private /etc/hosts via unshare)');
  if (Number(process.versions.node.split('.')[0]) < 20) throw new Error(`needs Node 20+, this is ${process.version}`);
  for (const tool of ['podman', 'podman-compose', 'mmdebstrap', 'unshare', 'runc']) {
    const found = await run('sh', ['-c', `command -v ${tool}`], { allowFailure: true });
    if (found.code !== 0) throw new Error(`${tool} not found: apt-get install podman runc podman-compose mmdebstrap (see deploy/README.md)`);
  }
  const conf = fs.existsSync('/etc/containers/containers.conf') ? fs.readFileSync('/etc/containers/containers.conf', 'utf8') : '';
  if (!/^\s*default_ulimits\s*=\s*\[\s*\]/m.test(conf) || !/^\s*runtime\s*=\s*"runc"/m.test(conf)) {
    throw new Error('/etc/containers/containers.conf needs default_ulimits = [] under [containers] and runtime = "runc" under [engine] (.ci/run writes them; see deploy/README.md)');
  }
  if (!fs.existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run npm run build first`);
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  for (const needed of ['include/node/common.gypi', 'lib/node_modules/npm/bin/npm-cli.js']) {
    if (!fs.existsSync(path.join(prefix, needed))) throw new Error(`the base image is made from this machine's node, but ${path.join(prefix, needed)} is missing`);
  }
  const ports = [];
  for (let n = 1; n <= 4; n++) ports.push(...[92, 93, 44, 45].map((p) => PORT_BASE + 100 * n + p));
  for (const port of ports) {
    const free = await new Promise((resolve) => {
      const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) throw new Error(`port ${port} is in use; set SAMSA_DEPLOY_TEST_PORT_BASE to move the test's ports (now ${PORT_BASE})`);
  }
}

// ---------------------------------------------------------------- base images and build

/** Debian suite and apt sources of this machine, for mmdebstrap. */
function debianSources() {
  const release = fs.readFileSync('/etc/os-release', 'utf8');
  const suite = /^VERSION_CODENAME=(\S+)/m.exec(release)?.[1];
  if (!suite) throw new Error('cannot tell the Debian suite from /etc/os-release');
  const files = ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list'].filter((f) => fs.existsSync(f) && /\S/.test(fs.readFileSync(f, 'utf8').replace(/^#.*$/gm, '')));
  return { suite, mirrors: files };
}

/**
 * Two base images from one mmdebstrap run: a minimal Debian (minbase) with this machine's
 * node and npm under /usr/local, laid out as in the official node image (runtime base), and
 * the same plus python3, make and g++ (build base, so the Dockerfile's apt step is skipped).
 */
async function makeBaseImages() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  const hook = path.join(tmp, 'add-node.sh');
  fs.writeFileSync(hook, [
    '#!/bin/sh',
    'set -eu',
    'root="$1"',
    'mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules" "$root/usr/local/include"',
    `cp -a '${process.execPath}' "$root/usr/local/bin/node"`,
    `cp -a '${prefix}/include/node' "$root/usr/local/include/node"`,
    `cp -a '${prefix}/lib/node_modules/npm' "$root/usr/local/lib/node_modules/npm"`,
    'ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"',
    'ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"',
    '',
  ].join('\n'), { mode: 0o755 });
  const runtimeTar = path.join(tmp, 'runtime-base.tar');
  const buildTar = path.join(tmp, 'build-base.tar');
  const { suite, mirrors } = debianSources();
  await run('mmdebstrap', [
    '--variant=minbase', '--mode=root', '--quiet',
    `--customize-hook=${hook} "$1"`,
    `--customize-hook=tar -C "$1" --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* --exclude=./var/lib/apt/lists/* --exclude=./var/cache/apt/* -cf ${runtimeTar} .`,
    '--customize-hook=chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++',
    suite, buildTar, ...mirrors,
  ], { timeoutMs: 600_000, logFile: path.join(tmp, 'mmdebstrap.log') });
  onCleanup('remove the base images', () => podman(['rmi', '--force', RUNTIME_BASE, BUILD_BASE], { allowFailure: true }));
  await podman(['import', '--quiet', '--change', 'CMD ["node"]', runtimeTar, RUNTIME_BASE], { timeoutMs: 300_000 });
  await podman(['import', '--quiet', '--change', 'CMD ["node"]', buildTar, BUILD_BASE], { timeoutMs: 300_000 });
  fs.rmSync(runtimeTar);
  fs.rmSync(buildTar);
}

/**
 * The build runs without a network, so its `npm ci --offline` needs every package of the
 * lock file in the host's npm cache. A host `npm ci` fills the cache, but the lock file may
 * have changed since; this runs one into a scratch folder, fetching only what is missing.
 */
async function completeNpmCache() {
  const scratch = path.join(tmp, 'npm-cache-check');
  fs.mkdirSync(scratch);
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, file), path.join(scratch, file));
  for (const pkg of fs.readdirSync(path.join(ROOT, 'packages'))) {
    const manifest = path.join(ROOT, 'packages', pkg, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    fs.mkdirSync(path.join(scratch, 'packages', pkg), { recursive: true });
    fs.copyFileSync(manifest, path.join(scratch, 'packages', pkg, 'package.json'));
  }
  await run('npm', ['ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: scratch, timeoutMs: 600_000, logFile: path.join(tmp, 'npm-cache.log') });
  fs.rmSync(scratch, { recursive: true, force: true });
  return (await run('npm', ['config', 'get', 'cache'])).stdout.trim();
}

async function buildImage(npmCache) {
  onCleanup('remove the image', () => podman(['rmi', '--force', IMAGE], { allowFailure: true }));
  await podman([
    'build', '--network', 'none', '--pull=never', '--format', 'docker', '--layers=false',
    '--label', LABEL, '-f', path.join(ROOT, 'deploy', 'Dockerfile'), '-t', IMAGE,
    '--build-arg', `BASE_IMAGE=${RUNTIME_BASE}`, '--build-arg', `BUILD_IMAGE=${BUILD_BASE}`,
    '--build-arg', 'NPM_CI_FLAGS=--offline --cache=/npm-cache',
    '-v', `${npmCache}:/npm-cache:O`,
    ROOT,
  ], { timeoutMs: 1_200_000, logFile: path.join(tmp, 'build.log') });
}

/** What the image promises: non-root, entrypoint, health check, volume, the addon, no dev deps. */
async function checkImage() {
  const [inspected] = JSON.parse((await podman(['image', 'inspect', IMAGE])).stdout);
  const config = inspected.Config;
  // podman shows a docker-format image's HEALTHCHECK beside Config, docker inside it
  const healthcheck = inspected.Healthcheck ?? config.Healthcheck;
  const expect = (ok, what) => { if (!ok) throw new Error(`image: ${what} (config: ${JSON.stringify(config)})`); };
  expect(config.User === '10001:10001', 'USER is not 10001:10001');
  expect(JSON.stringify(config.Entrypoint) === JSON.stringify(['node', '/opt/samsa/packages/cli/bin/samsa.js', 'server']), 'ENTRYPOINT is not samsa server');
  expect(healthcheck?.Test?.join(' ').includes('/opt/samsa/deploy/healthcheck.js'), `no HEALTHCHECK on /readyz (${JSON.stringify(healthcheck)})`);
  expect(config.Volumes && '/var/lib/samsa' in config.Volumes, 'no volume at /var/lib/samsa');
  const probe = [
    "const fs = require('fs');",
    "const addon = '/opt/samsa/packages/protocol/native/build/Release/samsa_crc32c.node';",
    "const dev = ['typescript', 'jest', '@swc/core', 'fast-check'].filter((d) => fs.existsSync('/opt/samsa/node_modules/' + d));",
    "const crc = require('/opt/samsa/packages/protocol/dist/crc32c.js');",
    "console.log(JSON.stringify({ uid: process.getuid(), addon: fs.existsSync(addon) && typeof require(addon).crc32c === 'function', impl: crc.crc32cImplementation, dev, dataOwner: fs.statSync('/var/lib/samsa').uid }));",
  ].join(' ');
  const out = await podman(['run', '--rm', '--network', 'none', '--name', `${PROJECT}-probe`, '--entrypoint', 'node', IMAGE, '-e', probe]);
  const facts = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}');
  expect(facts.uid === 10001 && facts.dataOwner === 10001, `runs as uid ${facts.uid}, /var/lib/samsa owned by ${facts.dataOwner}`);
  expect(facts.addon === true, 'the native CRC32C addon is missing or does not load');
  expect(facts.dev.length === 0, `dev dependencies in the runtime image: ${facts.dev.join(', ')}`);
  const help = await podman(['run', '--rm', '--network', 'none', '--name', `${PROJECT}-help`, IMAGE, '--help']);
  expect(/--controller-quorum/.test(help.stdout + help.stderr), '`samsa server --help` through the entrypoint printed no settings');
  const size = (await podman(['image', 'inspect', '--format', '{{.Size}}', IMAGE])).stdout.trim();
  const baseSize = (await podman(['image', 'inspect', '--format', '{{.Size}}', RUNTIME_BASE])).stdout.trim();
  log(`image ok: uid 10001, crc32c ${facts.impl}, no dev dependencies; ${(Number(size) / 1e6).toFixed(0)} MB (base ${(Number(baseSize) / 1e6).toFixed(0)} MB)`);
}

// ---------------------------------------------------------------- the cluster

/** Ports of node n (1-based) in the test: BASE + 100n + {92 broker, 93 controller, 44/45 HTTP}. */
const port = (n, kind) => PORT_BASE + 100 * n + { broker: 92, controller: 93, http: 44, controllerHttp: 45 }[kind];

function composeEnv() {
  const env = { ...process.env, SAMSA_IMAGE: IMAGE, SAMSA_PUBLISH_IP: '127.0.0.1' };
  delete env.SAMSA_ADVERTISED_HOST;
  for (let n = 1; n <= 4; n++) {
    env[`SAMSA${n}_BROKER_PORT`] = String(port(n, 'broker'));
    env[`SAMSA${n}_CONTROLLER_PORT`] = String(port(n, 'controller'));
    env[`SAMSA${n}_HTTP_PORT`] = String(port(n, 'http'));
    env[`SAMSA_BROKER${n}_PORT`] = String(port(n, 'broker'));
    env[`SAMSA_BROKER${n}_HTTP_PORT`] = String(port(n, 'http'));
    env[`SAMSA_CONTROLLER${n}_PORT`] = String(port(n, 'controller'));
    env[`SAMSA_CONTROLLER${n}_HTTP_PORT`] = String(port(n, 'controllerHttp'));
  }
  return env;
}

const compose = (project, files, args, timeoutMs = 300_000) =>
  run('podman-compose', ['-p', project, ...files.flatMap((f) => ['-f', f]), ...args], { env: composeEnv(), timeoutMs, logFile: path.join(tmp, `compose-${project}.log`) });

/** Tears a compose project down: containers, its volumes, its network (podman-compose 1.0.3 leaves networks). */
async function composeDown(project, files) {
  await compose(project, files, ['down', '-v', '-t', '10'], 300_000).catch((error) => log(`compose down: ${error.message.split('\n')[0]}`));
  const label = `label=io.podman.compose.project=${project}`;
  const left = (await podman(['ps', '-aq', '--filter', label])).stdout.split('\n').filter(Boolean);
  if (left.length) await podman(['rm', '--force', '--volumes', ...left], { allowFailure: true });
  const volumes = (await podman(['volume', 'ls', '-q', '--filter', label])).stdout.split('\n').filter(Boolean);
  if (volumes.length) await podman(['volume', 'rm', '--force', ...volumes], { allowFailure: true });
  await podman(['network', 'rm', '--force', `${project}_default`], { allowFailure: true });
}

/** The host's view: /etc/hosts plus the compose service names on 127.0.0.1, for the CLI only. */
const hostsFile = path.join(tmp, 'hosts');
function writeHostsFile(names) {
  const line = names.length ? `127.0.0.1 ${names.join(' ')}\n` : '';
  fs.writeFileSync(hostsFile, `${fs.readFileSync('/etc/hosts', 'utf8').trimEnd()}\n${line}`);
}

/**
 * The repository's CLI on the host, as a user with the README's /etc/hosts line runs it. The
 * line is given to this process alone (a private mount namespace with a bind-mounted hosts
 * file), so the machine's /etc/hosts is never touched.
 * @param {string[]} args @param {{ input?: string, timeoutMs?: number, allowFailure?: boolean }} [options]
 */
const samsa = (args, options = {}) =>
  run('unshare', ['--mount', 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hostsFile, process.execPath, CLI, ...args],
    { timeoutMs: 180_000, ...options });

async function waitReady(label, httpPorts, timeoutMs = 180_000) {
  await waitFor(`${label}: /readyz 200 on ${httpPorts.join(', ')}`, timeoutMs, async () => {
    for (const p of httpPorts) {
      const response = await fetch(`http://127.0.0.1:${p}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (response.status !== 200) return false;
    }
    return true;
  });
}

/** The image's HEALTHCHECK, run in each container (podman runs it on demand: no systemd timers here). */
async function checkHealth(containers) {
  for (const container of containers) {
    const result = await podman(['healthcheck', 'run', container], { allowFailure: true });
    if (result.code !== 0) throw new Error(`healthcheck of ${container}: ${result.stdout.trim()} ${result.stderr.trim()}`);
  }
}

const values = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => `record-${String(from + i).padStart(7, '0')}`);

/** Produces `lines` with acks=all; the CLI exits 0 only when every record was acknowledged. */
async function produce(bootstrap, topic, lines) {
  const t0 = Date.now();
  await samsa(['-b', bootstrap, 'produce', topic, '--acks', 'all'], { input: `${lines.join('\n')}\n` });
  return Date.now() - t0;
}

/** Reads the whole topic and checks it holds exactly `expected`, each once. */
async function consumeAll(bootstrap, topic, expected, via = 'host') {
  const args = ['-b', bootstrap, 'consume', topic, '--from-beginning', '--max-messages', String(expected.length), '--timeout-ms', '20000', '--json'];
  const out = via === 'host'
    ? await samsa(args)
    : await podman(['run', '--rm', '--name', `${via}-client`, '--network', `${via}_default`, '--entrypoint', 'samsa', IMAGE, ...args], { timeoutMs: 180_000 });
  const got = out.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).value);
  const seen = new Set(got);
  const missing = expected.filter((v) => !seen.has(v));
  if (got.length !== expected.length || seen.size !== got.length || missing.length) {
    throw new Error(`${topic}: read ${got.length} records (${seen.size} distinct), expected ${expected.length}; missing ${missing.length} (first: ${missing.slice(0, 3).join(', ')})`);
  }
}

async function describeCluster(controllers) {
  return JSON.parse((await samsa(['--controller', controllers, 'cluster', 'describe', '--json'])).stdout);
}

async function describeTopic(controllers, topic) {
  return JSON.parse((await samsa(['--controller', controllers, 'topic', 'describe', topic, '--json'])).stdout);
}

// ---------------------------------------------------------------- scenarios

/**
 * One node from the image's defaults (`docker run`, as the Dockerfile's header shows), with
 * only the broker port moved off 9092: it forms a quorum of one, writes to its volume as uid
 * 10001 and serves the host.
 */
async function singleNode() {
  const name = `${PROJECT}-single`;
  const broker = port(1, 'broker');
  writeHostsFile([]);
  onCleanup('remove the single node', () => podman(['rm', '--force', '--volumes', name], { allowFailure: true }));
  await podman(['run', '-d', '--name', name, '--label', LABEL,
    '-e', `SAMSA_LISTEN=0.0.0.0:${broker}`, '-e', `SAMSA_ADVERTISED_LISTEN=localhost:${broker}`,
    '-p', `127.0.0.1:${broker}:${broker}`, '-p', `127.0.0.1:${port(1, 'controller')}:9093`, '-p', `127.0.0.1:${port(1, 'http')}:9644`,
    IMAGE]);
  await waitReady('a single node', [port(1, 'http')], 90_000);
  await checkHealth([name]);
  await samsa(['--controller', `localhost:${port(1, 'controller')}`, 'topic', 'create', 'single', '--partitions', '2']);
  const batch = values(1, 100);
  await produce(`localhost:${broker}`, 'single', batch);
  await consumeAll(`localhost:${broker}`, 'single', batch);
  await podman(['rm', '--force', '--volumes', name]);
  cleanups.splice(cleanups.findIndex((c) => c.what === 'remove the single node'), 1);
  log('single node from the image defaults (docker run): ready, healthy, 100 records produced and read back');
}

async function combinedCluster() {
  const files = [COMPOSE_FILE];
  const nodes = [1, 2, 3];
  const container = (n) => `${PROJECT}_samsa-${n}_1`;
  const bootstrap = nodes.map((n) => `localhost:${port(n, 'broker')}`).join(',');
  const controllers = nodes.map((n) => `localhost:${port(n, 'controller')}`).join(',');
  writeHostsFile(['samsa-1', 'samsa-2', 'samsa-3', 'samsa-4']);

  onCleanup('tear down the combined cluster', () => composeDown(PROJECT, [COMPOSE_FILE, BROKER4_FILE]));
  log(`docker-compose.yml: podman-compose -p ${PROJECT} up -d (3 combined nodes, ports ${PORT_BASE + 100}…${PORT_BASE + 399})`);
  await compose(PROJECT, files, ['up', '-d', '--no-build', 'samsa-1', 'samsa-2', 'samsa-3']);
  await waitReady('3 combined nodes', nodes.map((n) => port(n, 'http')));
  await checkHealth(nodes.map(container));
  log('3 nodes ready, healthcheck healthy in each');

  const described = await describeCluster(controllers);
  const brokers = described.brokers.filter((b) => !b.fenced).map((b) => `${b.id}@${b.address}`);
  if (brokers.length !== 3) throw new Error(`expected 3 unfenced brokers: ${JSON.stringify(described)}`);
  log(`cluster describe from the host: brokers ${brokers.join(' ')}`);

  const topic = 'deploy-test';
  await samsa(['--controller', controllers, 'topic', 'create', topic, '--partitions', '6', '--replication-factor', '3']);
  const batch1 = values(1, RECORDS);
  const ms1 = await produce(bootstrap, topic, batch1);
  await consumeAll(bootstrap, topic, batch1);
  log(`host: produced ${RECORDS} records (acks=all, ${ms1} ms) and read them all back through the published ports`);
  await consumeAll(`samsa-2:${port(2, 'broker')}`, topic, batch1, PROJECT);
  log(`another container on ${PROJECT}_default read them too (-b samsa-2:${port(2, 'broker')})`);

  // SIGKILL the controller leader: the metadata quorum and the partitions it led fail over.
  const leader = described.controllers.find((c) => c.leader)?.id ?? 1;
  const victim = container(leader);
  await podman(['kill', '--signal', 'KILL', victim]);
  const state = await waitFor(`${victim} to exit`, 30_000, async () => {
    const now = (await podman(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', victim])).stdout.trim();
    return now.startsWith('exited') ? now : undefined;   // podman says "stopped" for a moment first
  }, 200);
  if (state !== 'exited 137') throw new Error(`${victim} after SIGKILL: ${state}, not killed by SIGKILL (137)`);
  log(`SIGKILLed ${victim} (node ${leader}, the controller leader): ${state}`);

  const batch2 = values(RECORDS + 1, 2 * RECORDS);
  const ms2 = await produce(bootstrap, topic, batch2);
  await consumeAll(bootstrap, topic, [...batch1, ...batch2]);
  const after = await describeCluster(controllers);
  const newLeader = after.controllers.find((c) => c.leader)?.id;
  log(`with node ${leader} down: produced ${RECORDS} more (acks=all, ${ms2} ms, every one acknowledged), read all ${2 * RECORDS} back; controller leader now ${newLeader}`);

  await podman(['start', victim]);
  await waitReady(`node ${leader} restarted`, [port(leader, 'http')]);
  await waitFor(`every partition of ${topic} back to 3 in-sync replicas`, 120_000, async () =>
    (await describeTopic(controllers, topic)).partitions.every((p) => p.isr.length === 3));
  await consumeAll(`localhost:${port(leader, 'broker')}`, topic, [...batch1, ...batch2]);
  log(`node ${leader} restarted from its volume, back in every ISR; all ${2 * RECORDS} records read through it`);

  // The fourth broker, as deploy/README.md says to add it.
  log('deploy/docker-compose.broker-4.yml: up -d samsa-4');
  await compose(PROJECT, [COMPOSE_FILE, BROKER4_FILE], ['up', '-d', '--no-build', 'samsa-4']);
  await waitReady('broker 4', [port(4, 'http')]);
  await checkHealth([`${PROJECT}_samsa-4_1`]);
  await waitFor('broker 4 unfenced in cluster describe', 60_000, async () =>
    (await describeCluster(controllers)).brokers.some((b) => b.id === 4 && !b.fenced));
  const topic4 = 'deploy-test-4';
  await samsa(['--controller', controllers, 'topic', 'create', topic4, '--partitions', '8', '--replication-factor', '3']);
  const onFour = (await describeTopic(controllers, topic4)).partitions.filter((p) => p.replicas.includes(4)).length;
  if (onFour === 0) throw new Error(`no partition of ${topic4} was placed on broker 4`);
  const batch4 = values(1, 500);
  await produce(`localhost:${port(4, 'broker')}`, topic4, batch4);
  await consumeAll(bootstrap, topic4, batch4);
  log(`broker 4 joined: ${onFour} of 8 new partitions have a replica on it; 500 records produced and read through it`);

  await composeDown(PROJECT, [COMPOSE_FILE, BROKER4_FILE]);
  cleanups.splice(cleanups.findIndex((c) => c.what === 'tear down the combined cluster'), 1);
  log('combined cluster torn down (containers, volumes, network)');
}

async function splitCluster() {
  const files = [SPLIT_FILE];
  const names = [1, 2, 3].flatMap((n) => [`samsa-controller-${n}`, `samsa-broker-${n}`]);
  writeHostsFile(names);
  onCleanup('tear down the split cluster', () => composeDown(SPLIT_PROJECT, files));
  log(`deploy/docker-compose.split.yml: podman-compose -p ${SPLIT_PROJECT} up -d (3 controllers + 3 brokers)`);
  await compose(SPLIT_PROJECT, files, ['up', '-d', '--no-build']);
  await waitReady('3 controllers + 3 brokers', [1, 2, 3].flatMap((n) => [port(n, 'controllerHttp'), port(n, 'http')]));
  await checkHealth(names.map((name) => `${SPLIT_PROJECT}_${name}_1`));
  const controllers = [1, 2, 3].map((n) => `localhost:${port(n, 'controller')}`).join(',');
  const bootstrap = [1, 2, 3].map((n) => `localhost:${port(n, 'broker')}`).join(',');
  const described = await describeCluster(controllers);
  const ids = described.brokers.filter((b) => !b.fenced).map((b) => b.id).join(',');
  if (ids !== '4,5,6' || described.controllers.length !== 3) throw new Error(`split layout: ${JSON.stringify(described)}`);
  await samsa(['--controller', controllers, 'topic', 'create', 'split-test', '--partitions', '3', '--replication-factor', '3']);
  const batch = values(1, RECORDS);
  await produce(bootstrap, 'split-test', batch);
  await podman(['kill', '--signal', 'KILL', `${SPLIT_PROJECT}_samsa-broker-2_1`]);
  const more = values(RECORDS + 1, RECORDS + 500);
  await produce(bootstrap, 'split-test', more);
  await consumeAll(bootstrap, 'split-test', [...batch, ...more]);
  log(`split layout: controllers 1-3, brokers 4-6; ${RECORDS} records, broker 5 SIGKILLed, 500 more, all read back`);
  await composeDown(SPLIT_PROJECT, files);
  cleanups.splice(cleanups.findIndex((c) => c.what === 'tear down the split cluster'), 1);
  log('split cluster torn down');
}

/** Nothing of this run may be left: no container, volume, network or image. */
async function checkNothingLeft() {
  const left = [];
  for (const [kind, args] of [
    ['container', ['ps', '-a', '--format', '{{.Names}}']],
    ['volume', ['volume', 'ls', '--format', '{{.Name}}']],
    ['network', ['network', 'ls', '--format', '{{.Name}}']],
    ['image', ['images', '--format', '{{.Repository}}:{{.Tag}}']],
  ]) {
    const names = (await podman(args)).stdout.split('\n').filter((n) => n.includes(RUN_ID));
    left.push(...names.map((n) => `${kind} ${n}`));
  }
  const labelled = (await podman(['images', '-aq', '--filter', `label=${LABEL}`])).stdout.split('\n').filter(Boolean);
  left.push(...labelled.map((id) => `image ${id}`));
  if (left.length) throw new Error(`left behind: ${left.join(', ')}`);
}

// ---------------------------------------------------------------- main

async function main() {
  log(`run ${RUN_ID}, temp dir ${tmp}`);
  await preflight();
  log(GIVEN_RUNTIME_BASE ? `base images given: ${RUNTIME_BASE}, ${BUILD_BASE}; completing the npm cache`
    : 'base images from mmdebstrap (this machine\'s apt mirror) + this machine\'s node; npm cache completed in parallel');
  const [, npmCache] = await Promise.all([GIVEN_RUNTIME_BASE ? Promise.resolve() : makeBaseImages(), completeNpmCache()]);
  log(`podman build -f deploy/Dockerfile (--network none, npm ci --offline from ${npmCache})`);
  await buildImage(npmCache);
  await checkImage();
  await singleNode();
  await combinedCluster();
  if (RUN_SPLIT) await splitCluster();
  await cleanup();
  await checkNothingLeft();
  log('PASS: everything this run made is removed');
}

main().then(
  () => {
    if (!KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(0);
  },
  async (error) => {
    log(`FAIL: ${error.stack ?? error}`);
    for (const project of [PROJECT, SPLIT_PROJECT]) {
      const ids = (await podman(['ps', '-a', '--format', '{{.Names}}', '--filter', `label=io.podman.compose.project=${project}`], { allowFailure: true })).stdout.split('\n').filter(Boolean);
      for (const id of ids) {
        const logs = await podman(['logs', '--tail', '15', id], { allowFailure: true });
        process.stderr.write(`---- ${id} (last 15 lines)\n${logs.stdout}${logs.stderr}`);
      }
    }
    await cleanup();
    await checkNothingLeft().catch((e) => log(e.message));
    log(`logs kept in ${tmp}`);
    process.exit(1);
  },
);
