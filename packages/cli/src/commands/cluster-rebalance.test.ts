import type { Admin, BrokerLoad, ClusterRebalancePlan, RebalanceOutcome, RebalanceRunOptions, Samsa } from '@samsa/client';
import { run } from '../main';

// `cluster rebalance` and `cluster remove-broker` through `run`, over an admin client that
// answers a fixed plan: what reaches the client, the text, the --json shape, the progress
// lines on a stderr that is no terminal, and exit codes. The planner and the run are tested
// in packages/client; the whole path with real processes in integration/scale-out.test.ts.

const load = (id: number, before: [number, number], after: [number, number], excluded = false): BrokerLoad => ({
  id,
  rack: null,
  fenced: false,
  excluded,
  replicasBefore: before[0],
  replicasAfter: after[0],
  leadersBefore: before[1],
  leadersAfter: after[1],
});

const PLAN: ClusterRebalancePlan = {
  moves: [
    { topic: 'orders', partition: 0, replicas: [1, 2], target: [3, 2], copiesData: true },
    { topic: 'orders', partition: 1, replicas: [2, 1], target: [1, 2], copiesData: false },
  ],
  target: [
    { topic: 'orders', partition: 0, replicas: [3, 2] },
    { topic: 'orders', partition: 1, replicas: [1, 2] },
  ],
  brokers: [load(1, [2, 1], [1, 1]), load(2, [2, 1], [2, 0]), load(3, [0, 0], [1, 1])],
};

interface Recorded {
  planned: (readonly number[] | undefined)[];
  runs: RebalanceRunOptions[];
}

function fakeSamsa(recorded: Recorded, leftOnExcluded: number): Samsa {
  const admin = {
    planRebalance: async (options: { excludeBrokers?: readonly number[] }) => {
      recorded.planned.push(options.excludeBrokers);
      return PLAN;
    },
    executeRebalance: async (_plan: ClusterRebalancePlan, options: RebalanceRunOptions): Promise<RebalanceOutcome> => {
      recorded.runs.push(options);
      options.onProgress?.({ phase: 'moving', movesDone: 0, movesTotal: 1, inFlight: 1, leadersPending: 0 });
      options.onProgress?.({ phase: 'moving', movesDone: 0, movesTotal: 1, inFlight: 1, leadersPending: 0 });
      options.onProgress?.({ phase: 'moving', movesDone: 1, movesTotal: 1, inFlight: 0, leadersPending: 0 });
      options.onProgress?.({ phase: 'done', movesDone: 1, movesTotal: 1, inFlight: 0, leadersPending: 0 });
      const excluded = recorded.planned.at(-1)?.[0];
      const brokers = PLAN.brokers.map((broker) => (broker.id === excluded ? { ...broker, excluded: true, replicasAfter: leftOnExcluded } : broker));
      return { moved: 1, reordered: 1, waves: 1, seconds: 1.25, cancelled: false, leadersPending: 0, brokers };
    },
    describeCluster: async () => ({ clusterId: 'c', controllers: [{ id: 1, address: 'a', leader: true }], brokers: [] }),
  } as unknown as Admin;
  return { admin: () => admin, close: async () => undefined } as unknown as Samsa;
}

async function samsa(argv: string[], leftOnExcluded = 0) {
  const recorded: Recorded = { planned: [], runs: [] };
  const out = { stdout: '', stderr: '' };
  const code = await run(argv, { stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text), env: {} }, { connectBroker: () => fakeSamsa(recorded, leftOnExcluded) });
  return { code, ...out, recorded };
}

test('rebalance runs the plan with --max-moves, prints a line per finished partition and the loads', async () => {
  const result = await samsa(['cluster', 'rebalance', '--max-moves', '3']);
  expect(result.code).toBe(0);
  expect(result.recorded.planned).toEqual([[]]);
  expect(result.recorded.runs[0]!.maxMoves).toBe(3);
  expect(result.stderr).toBe('rebalance: 0/1 partitions moved, 1 in flight\nrebalance: 1/1 partitions moved, 0 in flight\nrebalance: 1/1 partitions moved; done\n');
  expect(result.stdout).toBe(
    [
      'Plan: 1 of 2 partitions move (1 replica copied), 1 only change their preferred leader.',
      'BROKER  RACK  STATE     REPLICAS  LEADERS',
      '1       -     unfenced  2 -> 1    1 -> 1',
      '2       -     unfenced  2 -> 2    1 -> 0',
      '3       -     unfenced  0 -> 1    0 -> 1',
      'Rebalanced in 1.3 s: 1 partition moved in 1 wave of at most 3, 1 reordered; every partition is led by its preferred replica.',
      '',
    ].join('\n'),
  );
});

test('--dry-run prints the moves and runs nothing; --json has the documented shape', async () => {
  const dry = await samsa(['cluster', 'rebalance', '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.recorded.runs).toEqual([]);
  expect(dry.stdout).toContain('orders  0          1,2       3,2     yes');
  const json = await samsa(['cluster', 'rebalance', '--json']);
  const parsed = JSON.parse(json.stdout);
  expect(Object.keys(parsed)).toEqual(['dryRun', 'maxMoves', 'excluded', 'moves', 'brokers', 'result']);
  expect(parsed.brokers[2]).toEqual({ id: 3, rack: null, fenced: false, excluded: false, replicas: { before: 0, after: 1 }, leaders: { before: 0, after: 1 } });
  expect(parsed.result).toEqual({ moved: 1, reordered: 1, waves: 1, seconds: 1.25, leadersPending: 0, cancelled: false });
});

test('remove-broker excludes the broker and says it may be stopped, and that it is a controller too', async () => {
  const result = await samsa(['cluster', 'remove-broker', '1']);
  expect(result.code).toBe(0);
  expect(result.recorded.planned).toEqual([[1]]);
  expect(result.stdout).toContain('Broker 1 holds no replicas: it may be stopped. Node 1 is also a controller: stopping it takes a voter from the quorum of 1.\n');
});

test('remove-broker fails while the broker still holds replicas', async () => {
  const result = await samsa(['cluster', 'remove-broker', '2'], 4);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('samsa: broker 2 still holds 4 replica(s); do not stop it yet\n');
});

test.each([
  [['cluster', 'rebalance', '--max-moves', '0'], 'samsa: invalid --max-moves'],
  [['cluster', 'remove-broker', 'x'], 'samsa: invalid BROKER_ID'],
  [['cluster', 'remove-broker'], 'samsa:'],
])('%j is refused before any connection', async (argv, message) => {
  const result = await samsa(argv);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(new RegExp(`^${message}`));
  expect(result.recorded.planned).toEqual([]);
});
