import * as grpc from '@grpc/grpc-js';
import { MemoryStorage } from '../memory-storage';
import type { Message } from '../message';
import { RaftNode, type StateMachine } from '../node/raft-node';
import type { Entry, Snapshot } from '../types';
import { waitFor } from '../testing/wait-for';
import { GrpcRaftTransport } from './grpc-transport';
import { messageFromWire, messageToWire } from './wire-codec';

/** A state machine that records what it applied, as strings. */
class RecordingStateMachine implements StateMachine {
  applied: string[] = [];
  apply(entry: Entry): unknown {
    const value = Buffer.from(entry.data).toString();
    this.applied.push(value);
    return `applied ${value} at ${entry.index}`;
  }
  takeSnapshot(): Uint8Array {
    return Buffer.from(JSON.stringify(this.applied));
  }
  restoreSnapshot(snapshot: Snapshot): void {
    this.applied = JSON.parse(Buffer.from(snapshot.data).toString()) as string[];
  }
}

describe('wire codec', () => {
  it('round-trips every message kind', () => {
    const context = Buffer.from('ctx');
    const messages: Message[] = [
      { kind: 'vote-request', from: 1, to: 2, term: 3, lastLogIndex: 4, lastLogTerm: 2, transfer: true },
      { kind: 'pre-vote-request', from: 1, to: 2, term: 3, lastLogIndex: 4, lastLogTerm: 2 },
      { kind: 'vote-response', from: 2, to: 1, term: 3, reject: false },
      { kind: 'pre-vote-response', from: 2, to: 1, term: 3, reject: true },
      { kind: 'append', from: 1, to: 2, term: 3, prevLogIndex: 4, prevLogTerm: 2, commit: 4, entries: [{ term: 3, index: 5, type: 'conf-change', data: Buffer.from('x') }] },
      { kind: 'append-response', from: 2, to: 1, term: 3, reject: false, index: 5 },
      { kind: 'append-response', from: 2, to: 1, term: 3, reject: true, index: 5, hintIndex: 3, hintTerm: 1 },
      { kind: 'heartbeat', from: 1, to: 2, term: 3, commit: 5, readRound: 7 },
      { kind: 'heartbeat-response', from: 2, to: 1, term: 3, readRound: 7 },
      { kind: 'install-snapshot', from: 1, to: 2, term: 3, metadata: { index: 9, term: 2, voters: [1, 2, 3], learners: [4] }, offset: 10, data: Buffer.from('snap'), done: true },
      { kind: 'install-snapshot-response', from: 2, to: 1, term: 3, snapshotIndex: 9, snapshotTerm: 2, nextOffset: 14 },
      { kind: 'timeout-now', from: 1, to: 2, term: 3 },
      { kind: 'read-index-request', from: 2, to: 1, term: 3, context },
      { kind: 'read-index-response', from: 1, to: 2, term: 3, context, index: 8 },
    ];
    for (const message of messages) expect(messageFromWire(messageToWire(message))).toEqual(message);
  });
});

describe('three RaftNodes over gRPC on loopback', () => {
  const servers: grpc.Server[] = [];
  const transports: GrpcRaftTransport[] = [];
  const nodes: RaftNode[] = [];

  afterEach(async () => {
    for (const node of nodes.splice(0)) node.stop();
    for (const transport of transports.splice(0)) transport.close();
    await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.tryShutdown(() => resolve()))));
  });

  async function startCluster() {
    const ids = [1, 2, 3];
    const machines = ids.map(() => new RecordingStateMachine());
    const ports: number[] = [];
    for (const id of ids) {
      const transport = new GrpcRaftTransport({ nodeId: id, group: 'test', peers: [] });
      const server = new grpc.Server();
      transport.addToServer(server);
      ports.push(await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)))));
      servers.push(server);
      transports.push(transport);
    }
    ids.forEach((id, index) => {
      for (const peer of ids) transports[index]!.addPeer({ id: peer, host: '127.0.0.1', port: ports[peer - 1]! });
      const node = new RaftNode({
        id,
        storage: new MemoryStorage({ voters: ids, learners: [] }),
        transport: transports[index]!,
        stateMachine: machines[index]!,
        tickMs: 20,
        randomSeed: id,
        snapshotEveryEntries: 50,
        entriesKeptAfterSnapshot: 10,
      });
      node.start();
      nodes.push(node);
    });
    return { machines };
  }

  it('elects a leader, commits proposals on every node, and re-elects after the leader stops', async () => {
    const { machines } = await startCluster();
    const leader = await waitFor('a leader', 10_000, () => nodes.find((node) => node.isLeader));
    const results = await Promise.all(Array.from({ length: 100 }, (_, index) => leader.propose(Buffer.from(`v${index}`))));
    expect(results[0]).toMatch(/^applied v0 at \d+$/);
    await waitFor('every node to apply 100 entries', 10_000, () => (machines.every((machine) => machine.applied.length === 100) ? true : undefined));
    for (const machine of machines) expect(machine.applied).toEqual(Array.from({ length: 100 }, (_, index) => `v${index}`));
    expect(await leader.readIndex()).toBeGreaterThanOrEqual(100);
    leader.stop();
    const others = nodes.filter((node) => node !== leader);
    const next = await waitFor('a new leader', 10_000, () => others.find((node) => node.isLeader));
    await next.propose(Buffer.from('after'));
    const survivors = machines.filter((_, index) => nodes[index] !== leader);
    await waitFor('the survivors to apply', 10_000, () => (survivors.every((machine) => machine.applied.at(-1) === 'after') ? true : undefined));
  });
});
