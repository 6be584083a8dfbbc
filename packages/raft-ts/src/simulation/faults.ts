import { RaftError } from '../errors';
import type { NodeId } from '../types';
import type { SimNode } from './sim-node';
import type { Simulation } from './simulation';

/**
 * Rolls the dice for this tick's events: client traffic, crashes and restarts, partitions,
 * snapshots, membership changes and leadership transfers. Probabilities are per tick.
 */
export function injectFaults(sim: Simulation): void {
  const random = sim.random;
  const leader = sim.leader();
  if (leader !== undefined && random.chance(0.3)) sim.propose(leader);
  if (random.chance(0.03)) sim.propose(pick(sim, sim.nodes));
  if (random.chance(0.05)) sim.requestRead(pick(sim, sim.nodes));
  if (random.chance(0.01)) crash(sim);
  if (random.chance(0.04)) restart(sim);
  if (random.chance(0.01)) partitionSymmetric(sim);
  if (random.chance(0.006)) partitionAsymmetric(sim);
  if (random.chance(0.02)) heal(sim);
  if (random.chance(0.03)) pick(sim, sim.nodes).takeSnapshot(random.nextBelow(4));
  if (leader !== undefined && random.chance(0.01)) changeMembership(sim, leader);
  if (leader !== undefined && random.chance(0.01)) transferLeadership(sim, leader);
}

function pick<T>(sim: Simulation, items: readonly T[]): T {
  const item = items[sim.random.nextBelow(items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function crash(sim: Simulation): void {
  const up = sim.nodes.filter((node) => node.isUp());
  if (up.length === 0) return;
  const node = pick(sim, up);
  node.crash();
  sim.stats.crashes += 1;
  sim.trace.record(sim.now, () => `CRASH node ${node.id}`);
}

function restart(sim: Simulation): void {
  const down = sim.nodes.filter((node) => !node.isUp());
  if (down.length === 0) return;
  const node = pick(sim, down);
  node.start(sim.checker);
  sim.trace.record(sim.now, () => `RESTART node ${node.id} (commit ${node.storage.hardState().commit}, applied ${node.app.index})`);
}

function partitionSymmetric(sim: Simulation): void {
  const ids = sim.nodes.map((node) => node.id);
  const sideA = ids.filter(() => sim.random.chance(0.5));
  const sideB = ids.filter((id) => !sideA.includes(id));
  sim.network.partition(sideA, sideB);
  sim.trace.record(sim.now, () => `PARTITION [${sideA}] | [${sideB}]`);
}

function partitionAsymmetric(sim: Simulation): void {
  const from = pick(sim, sim.nodes).id;
  const targets = sim.nodes.map((node) => node.id).filter((id) => id !== from && sim.random.chance(0.6));
  for (const to of targets) sim.network.block(from, to);
  sim.trace.record(sim.now, () => `BLOCK ${from} -> [${targets}]`);
}

function heal(sim: Simulation): void {
  if (sim.network.blockedLinkCount() === 0) return;
  sim.network.healLinks();
  sim.trace.record(sim.now, () => 'HEAL all links');
}

/** Adds a non-member (as learner or voter), promotes a learner, or removes a member. */
function changeMembership(sim: Simulation, leader: SimNode): void {
  const raw = leader.raw;
  if (raw === undefined) return;
  const { voters, learners } = raw.status().conf;
  const outsiders = sim.nodes.map((node) => node.id).filter((id) => !voters.includes(id) && !learners.includes(id));
  const options: Array<{ type: 'add-voter' | 'add-learner' | 'remove-node'; nodeId: NodeId }> = [];
  for (const id of outsiders) options.push({ type: 'add-voter', nodeId: id }, { type: 'add-learner', nodeId: id });
  for (const id of learners) options.push({ type: 'add-voter', nodeId: id }, { type: 'remove-node', nodeId: id });
  if (voters.length >= 3) for (const id of voters) options.push({ type: 'remove-node', nodeId: id });
  if (options.length === 0) return;
  const change = pick(sim, options);
  try {
    const { index } = raw.proposeConfChange(change);
    sim.trace.record(sim.now, () => `CONF ${change.type} ${change.nodeId} proposed on ${leader.id} at ${index}`);
  } catch (error) {
    if (!(error instanceof RaftError) || !error.retriable) throw error;
  }
}

function transferLeadership(sim: Simulation, leader: SimNode): void {
  const raw = leader.raw;
  if (raw === undefined) return;
  const targets = raw.status().conf.voters.filter((id) => id !== leader.id);
  if (targets.length === 0) return;
  const target = pick(sim, targets);
  try {
    // Earlier events this tick may have deposed the leader; a client would retry elsewhere.
    raw.transferLeadership(target);
  } catch (error) {
    if (!(error instanceof RaftError) || !error.retriable) throw error;
    return;
  }
  sim.trace.record(sim.now, () => `TRANSFER leadership ${leader.id} -> ${target}`);
}
