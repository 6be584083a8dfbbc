import type { ClusterDescription, TopicDescription } from './admin';
import type { OngoingReassignment, PartitionReassignment } from './reassignments';
import { planClusterRebalance } from './rebalance-cluster';
import { runRebalance } from './rebalance-run';

/**
 * A model of the controller's side: a move stays listed for `pollsPerMove` listings, then
 * completes (a removed leader hands over to the first target replica); preferred replicas
 * take over leadership only after `pollsBeforeElection` descriptions, as the controller's
 * periodic election does. The run must never have more than `maxMoves` partitions moving.
 */
class ModelController {
  readonly partitions: { topic: string; partition: number; replicas: number[]; leader: number }[];
  private readonly moving = new Map<string, { target: number[]; pollsLeft: number }>();
  movingMax = 0;
  private descriptions = 0;

  constructor(
    partitionCount: number,
    private readonly brokers: ClusterDescription['brokers'],
    private readonly pollsPerMove = 3,
    private readonly pollsBeforeElection = 4,
  ) {
    this.partitions = Array.from({ length: partitionCount }, (_, partition) => {
      const replicas = [0, 1, 2].map((index) => ((partition + index) % 3) + 1);
      return { topic: 'orders', partition, replicas, leader: replicas[0]! };
    });
  }

  async describeCluster(): Promise<ClusterDescription> {
    return { clusterId: 'model', controllers: [], brokers: this.brokers };
  }

  async describeTopics(): Promise<TopicDescription[]> {
    this.descriptions += 1;
    if (this.moving.size === 0 && this.descriptions > this.pollsBeforeElection) for (const partition of this.partitions) partition.leader = partition.replicas[0]!;
    const partitions = this.partitions.map(({ partition, replicas, leader }) => ({ partition, leader, leaderEpoch: 0, replicas: [...replicas], isr: [...replicas] }));
    return [{ name: 'orders', topicId: 'id', partitions, configs: {} }];
  }

  async alterPartitionReassignments(requests: readonly PartitionReassignment[]): Promise<void> {
    for (const request of requests) {
      const target = [...request.replicas!];
      const partition = this.partitions[request.partition]!;
      if (target.every((id) => partition.replicas.includes(id))) partition.replicas = target;
      else this.moving.set(String(request.partition), { target, pollsLeft: this.pollsPerMove });
    }
    this.movingMax = Math.max(this.movingMax, this.moving.size);
  }

  async listPartitionReassignments(): Promise<OngoingReassignment[]> {
    for (const [key, move] of this.moving) {
      move.pollsLeft -= 1;
      if (move.pollsLeft > 0) continue;
      const partition = this.partitions[Number(key)]!;
      partition.replicas = move.target;
      if (!move.target.includes(partition.leader)) partition.leader = move.target[0]!;
      this.moving.delete(key);
    }
    return [...this.moving].map(([key, move]) => ({ topic: 'orders', partition: Number(key), replicas: move.target, addingReplicas: [], removingReplicas: [] }));
  }
}

const BROKERS = [1, 2, 3, 4].map((id) => ({ id, address: `127.0.0.1:${9000 + id}`, rack: '', fenced: false }));

describe('runRebalance', () => {
  it('moves in waves of at most maxMoves, waits for preferred leaders, and reports the measured result', async () => {
    const model = new ModelController(12, BROKERS);
    const plan = await planClusterRebalance(model, {});
    expect(plan.moves.filter((move) => move.copiesData)).toHaveLength(9);
    const phases: string[] = [];
    const outcome = await runRebalance(model, plan, { maxMoves: 4, pollIntervalMs: 1, onProgress: (progress) => phases.push(progress.phase) });
    expect(model.movingMax).toBeLessThanOrEqual(4);
    expect(outcome.waves).toBe(3);
    expect(outcome.moved).toBe(9);
    expect(outcome.leadersPending).toBe(0);
    expect(outcome.brokers.map((broker) => [broker.replicasAfter, broker.leadersAfter])).toEqual([[9, 3], [9, 3], [9, 3], [9, 3]]);
    expect(phases).toContain('moving');
    expect(phases.at(-1)).toBe('done');
    expect((await planClusterRebalance(model, {})).moves).toEqual([]);
  });

  it('empties an excluded broker', async () => {
    const model = new ModelController(12, BROKERS);
    await runRebalance(model, await planClusterRebalance(model, {}), { pollIntervalMs: 1 });
    const outcome = await runRebalance(model, await planClusterRebalance(model, { excludeBrokers: [2] }), { maxMoves: 5, pollIntervalMs: 1 });
    expect(model.movingMax).toBeLessThanOrEqual(5);
    expect(outcome.brokers.find((broker) => broker.id === 2)).toMatchObject({ excluded: true, replicasAfter: 0, leadersAfter: 0 });
    expect(model.partitions.every((partition) => !partition.replicas.includes(2))).toBe(true);
  });

  it('stops waiting when cancelled, leaving the submitted wave to the controller', async () => {
    const model = new ModelController(12, BROKERS, 1_000_000);
    let polls = 0;
    const outcome = await runRebalance(model, await planClusterRebalance(model, {}), { maxMoves: 2, pollIntervalMs: 1, isCancelled: () => (polls += 1) > 3 });
    expect(outcome.cancelled).toBe(true);
    expect(outcome.waves).toBe(1);
    expect(await model.listPartitionReassignments()).toHaveLength(2);
  });

  it('refuses to plan while a fenced broker holds replicas, unless it is the one removed', async () => {
    const fenced = BROKERS.map((broker) => (broker.id === 3 ? { ...broker, fenced: true } : broker));
    const model = new ModelController(12, fenced);
    await expect(planClusterRebalance(model, {})).rejects.toThrow(/broker 3 holds replicas but is fenced/);
    const plan = await planClusterRebalance(model, { excludeBrokers: [3] });
    expect(plan.target.every((partition) => !partition.replicas.includes(3))).toBe(true);
    expect(plan.brokers.find((broker) => broker.id === 3)).toMatchObject({ fenced: true, replicasAfter: 0 });
    await runRebalance(model, plan, { pollIntervalMs: 1 });
    // Emptied and still fenced (stopped): left out of later plans.
    expect((await planClusterRebalance(model, {})).moves).toEqual([]);
  });

  it('refuses to plan while reassignments are under way, and an unknown broker to exclude', async () => {
    const model = new ModelController(12, BROKERS, 1_000_000);
    await expect(planClusterRebalance(model, { excludeBrokers: [9] })).rejects.toThrow(/broker 9 is not registered/);
    await model.alterPartitionReassignments([{ topic: 'orders', partition: 0, replicas: [4, 2, 3] }]);
    await expect(planClusterRebalance(model, {})).rejects.toThrow(/under way/);
  });
});
