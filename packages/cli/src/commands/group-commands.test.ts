import { BrokerError, type Admin, type GroupOffsetsDescription, type OffsetReset, type ResetOffsetsOptions, type Samsa } from '@samsa/client';
import { run } from '../main';

// The group commands through `run`: flags checked before any connection (exit 2, one line),
// what reaches the admin client, the table and the --json shape of DESIGN.md, and a refusal
// as one line with exit 1. The admin client itself is tested against a fake Groups service in
// packages/client; the real processes in integration/group-commands.test.ts.

const description: GroupOffsetsDescription = {
  group: {
    groupId: 'billing',
    state: 'stable',
    groupEpoch: 3,
    assignmentEpoch: 3,
    assignor: 'uniform',
    coordinator: 2,
    members: [
      {
        memberId: 'm1',
        instanceId: null,
        clientId: 'app',
        clientHost: '/127.0.0.1',
        rackId: null,
        memberEpoch: 3,
        subscribedTopicNames: ['orders'],
        subscribedTopicRegex: null,
        assignment: [{ topic: 'orders', partitions: [0, 1] }],
        targetAssignment: [{ topic: 'orders', partitions: [0, 1] }],
      },
    ],
  },
  offsets: [
    { topic: 'orders', partition: 0, committed: 4n, end: 10n, lag: 6n, memberId: 'm1' },
    { topic: 'orders', partition: 1, committed: null, end: 7n, lag: null, memberId: 'm1' },
  ],
};

interface Recorded {
  resets: { groupId: string; options: ResetOffsetsOptions }[];
  deletes: string[][];
  closed: number;
}

/** An Admin answering from fixed data, recording what the commands ask. */
function fakeSamsa(recorded: Recorded, refusal?: BrokerError): Samsa {
  const admin = {
    describeGroupOffsets: async (groupId: string) => {
      if (refusal !== undefined) throw refusal;
      return { ...description, group: { ...description.group, groupId } };
    },
    listGroups: async () => [
      { groupId: 'audit', state: 'empty', members: 0, coordinator: 1 },
      { groupId: 'billing', state: 'stable', members: 1, coordinator: 2 },
    ],
    deleteGroups: async (groupIds: string[]) => {
      if (refusal !== undefined) throw refusal;
      recorded.deletes.push(groupIds);
    },
    resetOffsets: async (groupId: string, options: ResetOffsetsOptions): Promise<OffsetReset[]> => {
      recorded.resets.push({ groupId, options });
      return [{ topic: options.topic, partition: 0, previous: 4n, offset: 0n }, { topic: options.topic, partition: 1, previous: null, offset: 0n }];
    },
    close: () => void (recorded.closed += 1),
  } as unknown as Admin;
  return { admin: () => admin, close: async () => undefined } as unknown as Samsa;
}

async function samsa(argv: string[], refusal?: BrokerError) {
  const recorded: Recorded = { resets: [], deletes: [], closed: 0 };
  const out = { stdout: '', stderr: '' };
  const code = await run(argv, { stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text), env: {} }, { connectBroker: () => fakeSamsa(recorded, refusal) });
  return { code, ...out, recorded };
}

test.each([
  [['group', 'reset-offsets', 'g', '--to-earliest'], 'samsa: group reset-offsets needs --topic T\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't'], 'samsa: group reset-offsets needs exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --shift-by\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't', '--to-earliest', '--to-offset', '3'], 'samsa: group reset-offsets needs exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --shift-by, got --to-earliest and --to-offset\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't', '--to-offset', '-1'], 'samsa: invalid --to-offset: expected an integer of 0 or more, got "-1"\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't', '--shift-by', 'x'], 'samsa: invalid --shift-by: expected an integer, got "x"\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't', '--to-datetime', 'yesterday'], 'samsa: invalid --to-datetime: expected an ISO 8601 time such as 2024-05-01T12:00:00Z, got "yesterday"\n'],
  [['group', 'reset-offsets', 'g', '--topic', 't', '--to-latest', '--partition', '1', '--partition', '1'], 'samsa: invalid --partition: a partition is given twice\n'],
  [['group', 'list', '--state', 'busy'], 'samsa: invalid --state: expected one of empty, assigning, reconciling, stable, dead, got "busy"\n'],
  [['group', 'describe'], 'samsa: group describe needs GROUP (see samsa group describe --help)\n'],
])('samsa %j: exit 2, one line, nothing asked', async (argv, stderr) => {
  const result = await samsa(argv);
  expect(result.stderr).toBe(stderr);
  expect(result.code).toBe(2);
  expect(result.recorded.resets).toEqual([]);
});

test('group describe --json prints DESIGN.md\'s shape, null where kafka-consumer-groups prints -', async () => {
  const result = await samsa(['group', 'describe', 'billing', '--json']);
  expect(result.code).toBe(0);
  const json = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(Object.keys(json)).toEqual(['group', 'state', 'members', 'offsets']);
  expect(json['offsets']).toEqual([
    { topic: 'orders', partition: 0, committed: 4, end: 10, lag: 6 },
    { topic: 'orders', partition: 1, committed: null, end: 7, lag: null },
  ]);
  expect(json['members']).toEqual([
    { memberId: 'm1', instanceId: null, clientId: 'app', clientHost: '/127.0.0.1', memberEpoch: 3, assignment: [{ topic: 'orders', partitions: [0, 1] }], targetAssignment: [{ topic: 'orders', partitions: [0, 1] }] },
  ]);
  expect(result.recorded.closed).toBe(1);
});

test('group describe prints lag per partition and the members', async () => {
  const result = await samsa(['group', 'describe', 'billing']);
  expect(result.stdout).toBe(
    [
      'GROUP billing  (state stable, 1 member, coordinator 2, assignor uniform, epoch 3)',
      '',
      'TOPIC   PARTITION  COMMITTED  END  LAG  MEMBER',
      'orders  0          4          10   6    m1',
      'orders  1          -          7    -    m1',
      '',
      'MEMBER  CLIENT  HOST        EPOCH  ASSIGNED    TARGET',
      'm1      app     /127.0.0.1  3      orders:0,1  orders:0,1',
      '',
    ].join('\n'),
  );
});

test('a refusal is one line and exit 1', async () => {
  const result = await samsa(['group', 'describe', 'nobody'], new BrokerError('GROUP_ID_NOT_FOUND', 'describeGroups nobody: GROUP_ID_NOT_FOUND (group nobody does not exist)', '127.0.0.1:1'));
  expect(result).toMatchObject({ code: 1, stdout: '', stderr: 'samsa: GROUP_ID_NOT_FOUND: describeGroups nobody: GROUP_ID_NOT_FOUND (group nobody does not exist)\n' });
  const deleted = await samsa(['group', 'delete', 'live'], new BrokerError('NON_EMPTY_GROUP', 'deleteGroups live: NON_EMPTY_GROUP', '127.0.0.1:1'));
  expect(deleted.code).toBe(1);
  expect(deleted.stderr).toBe('samsa: NON_EMPTY_GROUP: deleteGroups live: NON_EMPTY_GROUP\n');
});

test('group list, delete and reset-offsets pass on what was asked', async () => {
  const listed = await samsa(['group', 'list', '--json']);
  expect(JSON.parse(listed.stdout)).toEqual([
    { group: 'audit', state: 'empty', members: 0, coordinator: 1 },
    { group: 'billing', state: 'stable', members: 1, coordinator: 2 },
  ]);
  const deleted = await samsa(['group', 'delete', 'audit']);
  expect(deleted).toMatchObject({ code: 0, stdout: 'Deleted group audit.\n' });
  expect(deleted.recorded.deletes).toEqual([['audit']]);

  const shifted = await samsa(['group', 'reset-offsets', 'g', '--topic', 't', '--partition', '1', '--partition', '0', '--shift-by', '-5', '--dry-run', '--json']);
  expect(shifted.recorded.resets).toEqual([{ groupId: 'g', options: { topic: 't', partitions: [1, 0], to: { shiftBy: -5n }, dryRun: true } }]);
  expect(JSON.parse(shifted.stdout)).toEqual({ group: 'g', dryRun: true, offsets: [{ topic: 't', partition: 0, previous: 4, offset: 0 }, { topic: 't', partition: 1, previous: null, offset: 0 }] });

  const dated = await samsa(['group', 'reset-offsets', 'g', '--topic', 't', '--to-datetime', '2024-05-01T12:00:00Z']);
  expect(dated.recorded.resets[0]?.options).toEqual({ topic: 't', to: { timestamp: Date.UTC(2024, 4, 1, 12) }, dryRun: false });
  expect(dated.stdout).toBe('Reset the offsets of group g.\n\nTOPIC  PARTITION  PREVIOUS  NEW\nt      0          4         0\nt      1          -         0\n');
});
