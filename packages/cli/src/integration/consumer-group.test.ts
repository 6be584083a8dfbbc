import { type ChildProcess, spawn } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { type Consumer, type Producer, Samsa, type TopicPartition } from '@samsa/client';
import { type GroupWire, SAMSA_CHANNEL_OPTIONS, groupsService, waitFor } from '@samsa/protocol';
import { LocalCluster, SAMSA_BIN } from '../local-cluster/local-cluster';

/**
 * The group Consumer against three real combined nodes (issue 10's "done when"): a topic of
 * 12 partitions, a producer writing all along; a group grows from 1 to 4 members and shrinks
 * back to 1; the coordinator's node is SIGKILLed mid-run; a member in a child process
 * (`samsa consume --group`) is SIGKILLed without committing its last records. Checked: every
 * acknowledged record is processed at least once; no partition is owned by two members at
 * once (listeners, in the order they ran); members keep consuming the partitions they keep
 * through a rebalance; committed offsets never go backwards; the crashed member's partitions
 * resume at its last commit.
 */
jest.setTimeout(420_000);

const TOPIC = 'cg-orders';
const GROUP = 'cg-billing';
const PARTITIONS = 12;
const SESSION_TIMEOUT_MS = 6_000;
const startedAtMs = Date.now();
/** Progress on stderr (jest shows console output only at the end): where a slow or hung run is. */
const note = (text: string) => void process.stderr.write(`[consumer-group +${((Date.now() - startedAtMs) / 1000).toFixed(1)} s] ${text}\n`);

const SERVER_ARGS = ['--group-session-timeout-ms', String(SESSION_TIMEOUT_MS), '--group-heartbeat-interval-ms', '500'];

/** Everything the members did, in the order it happened in this process. */
class Ledger {
  readonly acked = new Set<string>();
  readonly processed = new Set<string>();
  /** partition → member owning it now (listeners' view). */
  readonly owners = new Map<number, string>();
  readonly violations: string[] = [];
  readonly events: { atMs: number; member: string; kind: 'assigned' | 'revoked' | 'lost'; partitions: number[] }[] = [];
  /** Batches processed: who, which partition, first offset, when. */
  readonly batches: { atMs: number; member: string; partition: number; firstOffset: bigint }[] = [];

  assigned(member: string, partitions: readonly TopicPartition[]): void {
    for (const { partition } of partitions) {
      const holder = this.owners.get(partition);
      if (holder !== undefined) this.violations.push(`${TOPIC}-${partition} assigned to ${member} while ${holder} owned it`);
      this.owners.set(partition, member);
    }
    this.events.push({ atMs: Date.now(), member, kind: 'assigned', partitions: partitions.map((tp) => tp.partition) });
  }

  released(member: string, kind: 'revoked' | 'lost', partitions: readonly TopicPartition[]): void {
    for (const { partition } of partitions) if (this.owners.get(partition) === member) this.owners.delete(partition);
    this.events.push({ atMs: Date.now(), member, kind, partitions: partitions.map((tp) => tp.partition) });
  }
}

interface Member {
  readonly name: string;
  readonly samsa: Samsa;
  readonly consumer: Consumer;
  readonly running: Promise<void>;
}

/** Called in onPartitionsAssigned: after the committed offsets were read, before fetching. */
type AssignedHook = (partitions: readonly TopicPartition[]) => Promise<void>;

function startMember(name: string, bootstrap: string[], ledger: Ledger, hooks: { assigned?: AssignedHook } = {}): Member {
  const samsa = new Samsa({ bootstrap, clientId: name, requestTimeoutMs: 5_000, retry: { retries: 1_000, initialRetryTimeMs: 50, maxRetryTimeMs: 500 } });
  const consumer = samsa.consumer({ groupId: GROUP, autoOffsetReset: 'earliest', autoCommitIntervalMs: 300, sessionTimeoutMs: SESSION_TIMEOUT_MS, rebalanceTimeoutMs: 30_000, maxWaitMs: 200 });
  void consumer.subscribe([TOPIC], {
    onPartitionsAssigned: async (partitions) => {
      ledger.assigned(name, partitions);
      await hooks.assigned?.(partitions);
    },
    onPartitionsRevoked: (partitions) => ledger.released(name, 'revoked', partitions),
    onPartitionsLost: (partitions) => ledger.released(name, 'lost', partitions),
  });
  const running = consumer.run({
    eachBatch: ({ partition, records }) => {
      if (records.length === 0) return;
      ledger.batches.push({ atMs: Date.now(), member: name, partition, firstOffset: records[0]!.offset });
      for (const record of records) ledger.processed.add(record.value!.toString());
    },
  });
  running.catch(() => undefined);
  return { name, samsa, consumer, running };
}

async function stopMember(member: Member): Promise<void> {
  await member.consumer.close();
  await member.running;
  await member.samsa.close();
}

/** Writes one record to every partition every 25 ms, values `seq:partition`, until stopped. */
function produceSteadily(producer: Producer, ledger: Ledger): { stop: () => Promise<void>; errors: () => number } {
  let stopped = false;
  let errors = 0;
  let sequence = 0;
  const loop = (async () => {
    const inFlight = new Set<Promise<unknown>>();
    while (!stopped) {
      const seq = sequence++;
      const sends = Array.from({ length: PARTITIONS }, (_, partition) => {
        const value = `${seq}:${partition}`;
        const send = producer.send(TOPIC, [{ value, partition }]).then(
          () => void ledger.acked.add(value),
          () => void (errors += 1),
        );
        inFlight.add(send);
        void send.finally(() => inFlight.delete(send));
        return send;
      });
      void sends;
      while (inFlight.size > PARTITIONS * 40) await Promise.race(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await Promise.allSettled([...inFlight]);
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
    errors: () => errors,
  };
}

function groupsClient(address: string): InstanceType<ReturnType<typeof groupsService>> {
  const Groups = groupsService();
  return new Groups(address, grpc.credentials.createInsecure(), SAMSA_CHANNEL_OPTIONS);
}

/** The node coordinating GROUP, asked of any live broker. */
async function coordinatorNode(cluster: LocalCluster): Promise<number> {
  return waitFor('the coordinator of the group', 60_000, async () => {
    for (const node of cluster.brokers.filter((candidate) => candidate.process !== undefined)) {
      const client = groupsClient(`127.0.0.1:${node.brokerPort}`);
      try {
        const response = await new Promise<GroupWire.FindCoordinatorResponse__Output | undefined>((resolve) =>
          (client as unknown as { FindCoordinator: (request: object, options: grpc.CallOptions, callback: (error: unknown, response?: GroupWire.FindCoordinatorResponse__Output) => void) => void }).FindCoordinator(
            { groupIds: [GROUP] },
            { deadline: Date.now() + 5_000 },
            (error, answer) => resolve(error ? undefined : answer),
          ),
        );
        const found = response?.coordinators[0];
        if (found !== undefined && found.errorCode === 0) return found.nodeId;
      } finally {
        client.close();
      }
    }
    return undefined;
  });
}

const ownedCount = (members: readonly Member[]) => members.map((member) => member.consumer.assignment().length);
const balanced = (members: readonly Member[]) => {
  const counts = ownedCount(members);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return total === PARTITIONS && Math.max(...counts) - Math.min(...counts) <= 1 ? counts : undefined;
};

describe('consumer groups against three real nodes', () => {
  let cluster: LocalCluster | undefined;
  const clients: Samsa[] = [];
  const children: ChildProcess[] = [];

  const stoppers: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    // Clients first: closing them ends the sends and polls the stoppers wait for.
    await Promise.allSettled(clients.map((client) => client.close()));
    await cluster?.destroy();
    await Promise.allSettled(stoppers.map((stop) => stop()));
  });

  it('grows 1 → 4 and shrinks, survives a SIGKILL of the coordinator and of a member, processing every record', async () => {
    cluster = await LocalCluster.combined(3, { extraArgs: SERVER_ARGS, logLevel: 'warn' });
    await cluster.startAll();
    await cluster.waitForLeader(60_000);
    await cluster.waitForBrokersReady(60_000);
    const live = cluster;
    const bootstrap = live.bootstrap;
    const ledger = new Ledger();
    const admin = new Samsa({ bootstrap, clientId: 'cg-admin', retry: { retries: 1_000, initialRetryTimeMs: 50, maxRetryTimeMs: 500 } });
    clients.push(admin);
    note('cluster ready');
    await admin.admin().createTopic({ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 });
    const producer = admin.producer({ acks: 'all', lingerMs: 2 });
    const writer = produceSteadily(producer, ledger);
    stoppers.push(writer.stop);

    // Committed offsets, polled all along: they must never go backwards.
    const committed = new Map<number, bigint>();
    const regressions: string[] = [];
    let polling = true;
    stoppers.push(async () => void (polling = false));
    const poller = (async () => {
      while (polling) {
        const offsets = await Promise.resolve()
          .then(() => admin.admin().fetchCommittedOffsets(GROUP, [TOPIC]))
          .catch(() => []);
        for (const { partition, offset } of offsets) {
          const before = committed.get(partition);
          if (before !== undefined && offset < before) regressions.push(`${TOPIC}-${partition}: ${before} → ${offset}`);
          if (before === undefined || offset > before) committed.set(partition, offset);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    // One member takes everything.
    // What m1 starts from when it gets partitions back after the crash below: read while no one
    // can commit them (the crashed member is gone, m1 has not fetched yet).
    let startsAfterCrash: Map<number, bigint> | undefined;
    let crashed = false;
    const group: Member[] = [
      startMember('m1', bootstrap, ledger, {
        assigned: async () => {
          if (!crashed) return;
          const offsets = await admin.admin().fetchCommittedOffsets(GROUP, [TOPIC]);
          startsAfterCrash = new Map(offsets.map((entry) => [entry.partition, entry.offset]));
        },
      }),
    ];
    clients.push(group[0]!.samsa);
    await waitFor('m1 owns all 12 and processes', 60_000, () => (group[0]!.consumer.assignment().length === PARTITIONS && ledger.processed.size > 100 ? true : undefined));

    // Grow to 4, one at a time: each join is balanced, kept partitions are never revoked, and
    // their owners keep processing them while the newcomer waits for released ones.
    const joinMs: number[] = [];
    for (const name of ['m2', 'm3', 'm4']) {
      const before = new Map(group.map((member) => [member.name, new Set(member.consumer.assignment().map((tp) => tp.partition))]));
      const joinStartMs = Date.now();
      note(`${name} joins`);
      const member = startMember(name, bootstrap, ledger);
      group.push(member);
      clients.push(member.samsa);
      await waitFor(`balanced with ${name}`, 60_000, () => balanced(group));
      const balancedAtMs = Date.now();
      joinMs.push(balancedAtMs - joinStartMs);
      for (const [memberName, previous] of before) {
        const kept = group.find((candidate) => candidate.name === memberName)!.consumer.assignment().map((tp) => tp.partition).filter((partition) => previous.has(partition));
        expect(kept.length).toBeGreaterThan(0);
        const revokedKept = ledger.events.filter((event) => event.member === memberName && event.atMs >= joinStartMs && event.kind !== 'assigned' && event.partitions.some((partition) => kept.includes(partition)));
        expect(revokedKept).toEqual([]);
        const keptWhileRebalancing = ledger.batches.some((batch) => batch.member === memberName && kept.includes(batch.partition) && batch.atMs >= joinStartMs && batch.atMs <= balancedAtMs);
        expect({ member: memberName, keptWhileRebalancing }).toEqual({ member: memberName, keptWhileRebalancing: true });
      }
    }

    // SIGKILL the coordinator's node: the group carries on (a new coordinator rebuilds it).
    const coordinator = await coordinatorNode(live);
    const processedAtKill = ledger.processed.size;
    note(`SIGKILL of node ${coordinator}, the coordinator`);
    await live.kill(coordinator);
    await waitFor('the group processing again after the coordinator died', 120_000, () => (ledger.processed.size > processedAtKill + 2_000 && balanced(group) ? true : undefined));
    const afterKill = await coordinatorNode(live);
    expect(afterKill).not.toBe(coordinator);
    live.start(coordinator);
    await live.waitForBrokersReady(60_000);

    note('shrinking to one member');
    // Shrink back to 1: every partition comes back to m1.
    for (const member of group.splice(1).reverse()) await stopMember(member);
    await waitFor('m1 owns all 12 again', 60_000, () => (group[0]!.consumer.assignment().length === PARTITIONS ? true : undefined));

    // A member in a child process, SIGKILLed after it committed some and printed more.
    const child = spawn(process.execPath, [SAMSA_BIN, 'consume', TOPIC, '-b', bootstrap.join(','), '--group', GROUP, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const printed: { partition: number; offset: bigint }[] = [];
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const record = JSON.parse(line) as { partition: number; offset: string; value: string };
        printed.push({ partition: record.partition, offset: BigInt(record.offset) });
        ledger.processed.add(record.value);
      }
    });
    let childErrors = '';
    child.stderr!.on('data', (chunk: Buffer) => void (childErrors += chunk.toString()));
    const othersOfM1 = () => Array.from({ length: PARTITIONS }, (_, partition) => partition).filter((partition) => !group[0]!.consumer.assignment().some((tp) => tp.partition === partition));
    const firstPrinted = (partition: number) => printed.find((record) => record.partition === partition)?.offset;
    const childPartitions = await waitFor('the child reads half', 60_000, () => {
      const others = othersOfM1();
      return others.length === PARTITIONS / 2 && others.every((partition) => firstPrinted(partition) !== undefined) ? others : undefined;
    });
    // The CLI auto-commits every 5 s: wait for its own commit of each partition (past where it
    // started: only the owner may commit), then for more records printed after it.
    await waitFor('the child committed each of its partitions', 60_000, () => (childPartitions.every((partition) => (committed.get(partition) ?? -1n) > firstPrinted(partition)!) ? true : undefined));
    await waitFor('the child printed past its commits', 30_000, () => (childPartitions.some((partition) => printed.some((record) => record.partition === partition && record.offset > (committed.get(partition) ?? -1n) + 5n)) ? true : undefined));
    note(`SIGKILL of the child member (${childPartitions.join(', ')})`);
    const committedAtKill = new Map(committed);
    crashed = true;
    child.kill('SIGKILL');
    const killedAtMs = Date.now();
    await new Promise((resolve) => child.once('exit', resolve));
    await waitFor('m1 takes the crashed member’s partitions', 60_000, () => (group[0]!.consumer.assignment().length === PARTITIONS && startsAfterCrash !== undefined ? true : undefined));
    // Each partition resumes exactly at the crashed member's last commit: not before what it
    // had committed, not after what it had printed; some printed records come again.
    let redelivered = 0;
    for (const partition of childPartitions) {
      const commit = startsAfterCrash!.get(partition)!;
      const resumed = await waitFor(`m1 reads ${TOPIC}-${partition} again`, 30_000, () => ledger.batches.find((batch) => batch.member === 'm1' && batch.partition === partition && batch.atMs >= killedAtMs));
      expect({ partition, resumedAt: resumed.firstOffset }).toEqual({ partition, resumedAt: commit });
      expect(commit).toBeGreaterThanOrEqual(committedAtKill.get(partition)!);
      const printedUpTo = printed.filter((record) => record.partition === partition).reduce((max, record) => (record.offset + 1n > max ? record.offset + 1n : max), 0n);
      expect(commit).toBeLessThanOrEqual(printedUpTo);
      redelivered += Number(printedUpTo - commit);
    }
    expect(redelivered).toBeGreaterThan(0);
    expect(childErrors).toBe('');

    note('stopping the producer');
    // Stop writing: every acknowledged record was processed by someone.
    await writer.stop();
    await waitFor('every acknowledged record processed', 60_000, () => ([...ledger.acked].every((value) => ledger.processed.has(value)) ? true : undefined));
    polling = false;
    await poller;
    await stopMember(group[0]!);
    await producer.close();

    expect(ledger.violations).toEqual([]);
    expect(regressions).toEqual([]);
    expect(ledger.acked.size).toBeGreaterThan(5_000);
    process.stdout.write(`consumer-group: ${ledger.acked.size} records acknowledged (${writer.errors()} sends failed), ${ledger.processed.size} processed; balanced after a join in ${joinMs.join(', ')} ms; losses: ${ledger.events.filter((event) => event.kind === 'lost').length}\n`);
  });
  it('samsa consume --group: stops at --max-messages having committed what it printed, leaves, and the next run goes on from there', async () => {
    const live = cluster!;
    const bootstrap = live.bootstrap.join(',');
    const admin = new Samsa({ bootstrap: live.bootstrap, clientId: 'cg-cli' });
    clients.push(admin);
    await admin.admin().createTopic({ name: 'cg-cli', partitions: 3, replicationFactor: 3 });
    const producer = admin.producer({ acks: 'all' });
    for (let partition = 0; partition < 3; partition++) await producer.send('cg-cli', Array.from({ length: 40 }, (_, index) => ({ value: `${partition}:${index}`, partition })));
    await producer.close();
    const consume = (max: number) =>
      new Promise<{ code: number | null; values: string[]; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [SAMSA_BIN, 'consume', 'cg-cli', '-b', bootstrap, '--group', 'cli-g', '--from-beginning', '--max-messages', String(max), '--timeout-ms', '20000', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
        children.push(child);
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('exit', (code) => resolve({ code, stderr, values: stdout.trim().split('\n').filter((line) => line !== '').map((line) => (JSON.parse(line) as { value: string }).value) }));
      });
    const first = await consume(70);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.values).toHaveLength(70);
    const [description] = await admin.admin().describeGroups(['cli-g']);
    expect(description?.members).toEqual([]); // it left the group on exit
    const second = await consume(50);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.values).toHaveLength(50);
    // Together exactly the 120 records, none twice: the first run committed all it printed.
    expect([...first.values, ...second.values].sort()).toEqual(Array.from({ length: 3 }, (_, partition) => Array.from({ length: 40 }, (__, index) => `${partition}:${index}`)).flat().sort());
  });
});
