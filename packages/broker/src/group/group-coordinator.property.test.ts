import fc from 'fast-check';
import type { AssignmentSpec } from './assignors/assignor';
import { GroupCoordinatorCore } from './group-coordinator-core';
import { type GroupRecord, recordKey } from './group-records';
import { resolveSubscription } from './subscriptions';
import { expectValidAssignment, findImbalance } from './test-support/assignment-checks';
import { TEST_CONFIG } from './test-support/coordinator-harness';
import { GROUP_ID, GroupSimulation, namesOf } from './test-support/group-simulation';

/**
 * Random histories of one group: consumers (dynamic or static, revoking promptly or only
 * when told) join, heartbeat, let go, leave, leave for a restart, crash, change their
 * subscriptions, commit; topics grow; time passes and sessions and rebalance timeouts
 * expire. Checks after every step:
 * - no partition is owned by two consumers the coordinator has not removed;
 * - what such a consumer owns, the coordinator counts as its (assigned or pending revocation);
 * - a commit is accepted only from a member holding the partition, never while another
 *   consumer owns it, and always from a consumer owning it with the coordinator's consent;
 * - a member is never told to drop a partition its target keeps; epochs never go back;
 * - a member the coordinator has not removed is never refused;
 * - the current target is valid and balanced (no cost-reducing chain);
 * - replaying the records (as written, and compacted) rebuilds exactly the live state.
 * Then the live consumers heartbeat promptly while time passes, and the group must settle:
 * stable, every partition of a subscribed topic assigned, each member owning its target.
 */

const TOPICS = ['a', 'b', 'c'];
const CONSUMERS = 5;

type Step =
  | { readonly kind: 'heartbeat' | 'release' | 'leave' | 'leave-temporarily' | 'crash'; readonly consumer: number }
  | { readonly kind: 'subscribe'; readonly consumer: number; readonly topics: readonly string[] }
  /** A partition the consumer owns (the `pick`-th, if it owns any), or any partition. */
  | { readonly kind: 'commit'; readonly consumer: number; readonly owned: boolean; readonly pick: number; readonly topic: string }
  | { readonly kind: 'grow'; readonly topic: string; readonly partitions: number }
  | { readonly kind: 'advance'; readonly ms: number };

const consumer = fc.integer({ min: 0, max: CONSUMERS - 1 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), consumer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), consumer }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('leave' as const, 'leave-temporarily' as const, 'crash' as const), consumer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('subscribe' as const), consumer, topics: fc.subarray(TOPICS) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('commit' as const), consumer, owned: fc.boolean(), pick: fc.nat(20), topic: fc.constantFrom(...TOPICS) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grow' as const), topic: fc.constantFrom(...TOPICS), partitions: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 3_000, 6_000, 11_000, 31_000) }) },
);

const setupArbitrary = fc.record({
  consumers: fc.array(
    fc.record({
      isStatic: fc.boolean(),
      prompt: fc.boolean(),
      rebalanceTimeoutMs: fc.constantFrom(0, 10_000),
      topics: fc.subarray(TOPICS, { minLength: 1 }),
    }),
    {
      minLength: CONSUMERS,
      maxLength: CONSUMERS,
    },
  ),
  partitionCounts: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: TOPICS.length, maxLength: TOPICS.length }),
});

function run(simulation: GroupSimulation, step: Step): void {
  if (step.kind === 'grow') {
    simulation.topics.set(step.topic, simulation.topics.get(step.topic)! + step.partitions);
    return;
  }
  if (step.kind === 'advance') return simulation.advance(step.ms);
  const subject = simulation.consumers[step.consumer]!;
  switch (step.kind) {
    case 'heartbeat':
      // Out, away or crashed: a (new) process joins; a zombie learns it was removed.
      simulation.heartbeat(subject);
      return;
    case 'release':
      return simulation.release(subject);
    case 'leave':
      if (subject.status === 'joined' && !subject.fenced) simulation.heartbeat(subject, -1);
      return;
    case 'leave-temporarily':
      if (subject.status === 'joined' && !subject.fenced && subject.instanceId !== '') simulation.heartbeat(subject, -2);
      return;
    case 'crash':
      return simulation.crash(subject);
    case 'subscribe':
      subject.topics = step.topics;
      return;
    case 'commit': {
      const owned = [...subject.owned].sort();
      const name = step.owned && owned.length > 0 ? owned[step.pick % owned.length]! : `${step.topic}-${step.pick % 6}`;
      return checkCommit(simulation, step.consumer, name);
    }
  }
}

function checkCommit(simulation: GroupSimulation, index: number, name: string): void {
  const subject = simulation.consumers[index]!;
  if (subject.status !== 'joined') return;
  const legitimate = simulation.legitimateOwners();
  const ownedByAnother = legitimate.some((other) => other !== subject && other.owned.has(name));
  const ownsWithConsent = legitimate.includes(subject) && subject.owned.has(name);
  const error = simulation.commit(subject, name);
  if (ownsWithConsent) expect(error).toBe('NONE');
  if (ownedByAnother || subject.fenced) expect(error).not.toBe('NONE');
}

function checkInvariants(simulation: GroupSimulation, replay = true): void {
  const owners = new Map<string, number>();
  const described = simulation.core.describeGroups([GROUP_ID])[0]!;
  for (const consumer of simulation.legitimateOwners()) {
    const member = described.members.find((candidate) => candidate.memberId === consumer.memberId);
    expect(member).toBeDefined();
    const held = new Set(namesOf(member!.assignment));
    for (const name of consumer.owned) {
      if (owners.has(name)) throw new Error(`${name} is owned by consumers ${owners.get(name)} and ${consumer.index}`);
      owners.set(name, consumer.index);
      if (!held.has(name)) throw new Error(`consumer ${consumer.index} owns ${name}, which the coordinator does not count as its`);
    }
  }
  if (described.error === 'NONE' && described.members.length > 0 && described.groupEpoch === described.assignmentEpoch) {
    checkTarget(simulation);
  }
  if (replay) expectReplayMatches(simulation, simulation.records);
}

function expectReplayMatches(simulation: GroupSimulation, records: readonly GroupRecord[]): void {
  const replayed = GroupCoordinatorCore.replay(records, simulation.nowMs, { config: TEST_CONFIG, newMemberId: () => 'unused' });
  expect(replayed.view()).toEqual(simulation.core.view());
}

/** The target, read back from the group, meets the assignor contract and is balanced. */
function checkTarget(simulation: GroupSimulation): void {
  const { membership } = simulation.core.view().groups.find((group) => group.groupId === GROUP_ID)!;
  const topicNames = membership.subscribedTopics.map((topic) => topic.name);
  const spec: AssignmentSpec = {
    members: membership.members.map((member) => ({
      memberId: member.memberId,
      instanceId: member.metadata!.instanceId,
      rackId: '',
      subscribedTopics: resolveSubscription(member.metadata!, topicNames),
      currentTarget: [],
    })),
    partitionCounts: new Map(membership.subscribedTopics.map((topic) => [topic.name, topic.partitionCount])),
  };
  const targets = new Map(membership.members.map((member) => [member.memberId, member.target ?? []]));
  expectValidAssignment(spec, targets);
  expect(findImbalance(spec, targets)).toBeNull();
}

/** Keeps the last record of each key, as log compaction does; optionally drops tombstones too. */
function compacted(records: readonly GroupRecord[], dropTombstones: boolean): GroupRecord[] {
  const lastIndex = new Map<string, number>();
  records.forEach((record, index) => lastIndex.set(recordKey(record), index));
  return records.filter((record, index) => lastIndex.get(recordKey(record)) === index && !(dropTombstones && record.value === null));
}

function settle(simulation: GroupSimulation): void {
  for (let round = 0; round < 40; round += 1) {
    for (const consumer of simulation.legitimateOwners()) {
      simulation.release(consumer);
      simulation.heartbeat(consumer);
      simulation.release(consumer);
      checkInvariants(simulation, false);
    }
    simulation.advance(TEST_CONFIG.heartbeatIntervalMs!);
  }
  expectReplayMatches(simulation, simulation.records);
  const [described] = simulation.core.describeGroups([GROUP_ID]);
  if (described!.members.length === 0) return;
  expect(described!.state).toBe('stable');
  const assigned = new Set(described!.members.flatMap((member) => namesOf(member.assignment)));
  for (const topic of simulation.core.view().groups[0]!.membership.subscribedTopics) {
    for (let partition = 0; partition < topic.partitionCount; partition += 1) expect(assigned).toContain(`${topic.name}-${partition}`);
  }
  for (const consumer of simulation.legitimateOwners()) {
    const member = described!.members.find((candidate) => candidate.memberId === consumer.memberId)!;
    expect([...consumer.owned].sort()).toEqual(namesOf(member.targetAssignment).sort());
  }
}

describe('group coordinator (property)', () => {
  it('never lets two consumers own a partition, settles once members heartbeat, and replays exactly', () => {
    fc.assert(
      fc.property(setupArbitrary, fc.array(stepArbitrary, { minLength: 5, maxLength: 60, size: 'medium' }), (setup, steps) => {
        const simulation = new GroupSimulation(
          setup.consumers.map((consumer, index) => ({ ...consumer, instanceId: consumer.isStatic ? `instance-${index}` : '' })),
          Object.fromEntries(TOPICS.map((topic, index) => [topic, setup.partitionCounts[index]!])),
        );
        for (const step of steps) {
          run(simulation, step);
          checkInvariants(simulation);
        }
        for (const dropTombstones of [false, true]) expectReplayMatches(simulation, compacted(simulation.records, dropTombstones));
        settle(simulation);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
