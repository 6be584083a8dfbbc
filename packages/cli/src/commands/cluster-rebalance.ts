import { type BrokerLoad, type ClusterRebalancePlan, REBALANCE_MAX_MOVES_DEFAULT, type RebalanceOutcome, type RebalanceProgress } from '@samsa/client';
import { SingleBar } from 'cli-progress';
import { type Command, type CommandContext, type CommandIo, JSON_OPTION, printJson } from '../command-line/command';
import type { OptionSpec } from '../command-line/option-parser';
import { flagValue, parseIntegerOption, stringValue } from '../command-line/option-parser';
import { formatIdList, renderTable } from '../output/table';

/**
 * `samsa cluster rebalance`: plan a balanced assignment over every unfenced broker and run
 * it as controller reassignments. `cluster-remove-broker.ts` runs the same with one broker
 * excluded; both share `rebalanceCommandRun`.
 */

export const REBALANCE_OPTIONS: readonly OptionSpec[] = [
  JSON_OPTION,
  { name: 'max-moves', type: 'string', valueName: 'N', defaultText: String(REBALANCE_MAX_MOVES_DEFAULT), description: 'partitions copying data at once: each wave finishes before the next starts' },
  { name: 'dry-run', type: 'boolean', description: 'print the plan and change nothing' },
];

export const REBALANCE_DETAILS = [
  'Balanced: every broker holds as many replicas as the others (±1) and is the preferred (first)',
  'replica, so the leader, of as many partitions (±1); replicas of one partition on distinct racks',
  'where racks are set; as few replicas moved as that allows. A fenced broker that holds replicas',
  'stops it (restart the broker, or empty it with remove-broker); one that holds none is left out.',
  'The throttle is a limit on concurrent partition moves (--max-moves), not a byte rate: a byte-rate',
  'replication throttle is not implemented. Once replicas are in place it waits up to 60 s for the',
  'controller to hand leadership to the preferred replicas (it does so every 10 s).',
  'Progress goes to stderr (a bar on a terminal, else a line whenever a partition finishes moving);',
  'the result to stdout.',
  'JSON: {"dryRun","maxMoves","excluded":[],"moves":[{"topic","partition","replicas","target","copiesData"}],',
  '"brokers":[{"id","rack","fenced","excluded","replicas":{"before","after"},"leaders":{"before","after"}}],',
  '"result":{"moved","reordered","waves","seconds","leadersPending","cancelled"} (null with --dry-run)}',
].join('\n');

export const clusterRebalanceCommand: Command = {
  path: ['cluster', 'rebalance'],
  summary: 'spread replicas and leaders evenly over all brokers (after adding one, say)',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: REBALANCE_OPTIONS,
  details: REBALANCE_DETAILS,
  async run(context) {
    const outcome = await rebalanceCommandRun(context, []);
    // Leaders still to hand over are a warning: the moves are done and the controller keeps electing.
    return outcome?.cancelled === true ? 1 : 0;
  },
};

/** Plans, prints, and (without --dry-run) runs; resolves to the run's outcome, undefined for a dry run. */
export async function rebalanceCommandRun({ io, parsed, broker }: CommandContext, excluded: readonly number[]): Promise<RebalanceOutcome | undefined> {
  const json = flagValue(parsed, 'json');
  const dryRun = flagValue(parsed, 'dry-run');
  const rawMaxMoves = stringValue(parsed, 'max-moves');
  const maxMoves = rawMaxMoves === undefined ? REBALANCE_MAX_MOVES_DEFAULT : parseIntegerOption('max-moves', rawMaxMoves, { min: 1, max: 10_000 });
  const admin = broker().admin();
  const plan = await admin.planRebalance({ excludeBrokers: excluded });
  if (dryRun) {
    if (json) printJson(io, rebalanceJson(plan, plan.brokers, { dryRun, maxMoves, excluded, outcome: undefined }));
    else io.stdout(`${planSummary(plan)}\n${renderLoads(plan.brokers)}${plan.moves.length === 0 ? '' : `\n${renderMoves(plan)}`}`);
    return undefined;
  }
  if (!json) io.stdout(`${planSummary(plan)}\n`);
  // Nothing to move: still wait for preferred leaders (a restarted broker may not lead yet), quietly.
  const progress = plan.moves.length === 0 ? { update() {}, stop() {} } : progressReporter(io);
  let cancelled = false;
  const removeInterrupt = io.onInterrupt?.(() => (cancelled = true));
  let outcome: RebalanceOutcome;
  try {
    outcome = await admin.executeRebalance(plan, { maxMoves, onProgress: progress.update, isCancelled: () => cancelled });
  } finally {
    progress.stop();
    removeInterrupt?.();
  }
  if (json) printJson(io, rebalanceJson(plan, outcome.brokers, { dryRun, maxMoves, excluded, outcome }));
  else io.stdout(`${renderLoads(outcome.brokers)}${outcomeLine(outcome, maxMoves)}\n`);
  if (outcome.cancelled) io.stderr('samsa: stopped waiting: the moves already submitted go on in the controller; run rebalance again once they are done\n');
  else if (outcome.leadersPending > 0) io.stderr(`samsa: ${outcome.leadersPending} partition(s) are not led by their preferred replica yet (not in sync?); the controller keeps trying every 10 s\n`);
  return outcome;
}

function planSummary(plan: ClusterRebalancePlan): string {
  const copies = plan.moves.filter((move) => move.copiesData);
  const replicas = copies.reduce((sum, move) => sum + move.target.filter((id) => !move.replicas.includes(id)).length, 0);
  if (plan.moves.length === 0) return `Balanced already: nothing to move (${plan.target.length} partitions).`;
  return `Plan: ${copies.length} of ${plan.target.length} partitions move (${replicas} replica${replicas === 1 ? '' : 's'} copied), ${plan.moves.length - copies.length} only change their preferred leader.`;
}

function renderLoads(brokers: readonly BrokerLoad[]): string {
  const state = (broker: BrokerLoad) => (broker.excluded ? 'removing' : broker.fenced ? 'fenced' : 'unfenced');
  return renderTable(
    ['broker', 'rack', 'state', 'replicas', 'leaders'],
    brokers.map((broker) => [broker.id, broker.rack ?? '-', state(broker), `${broker.replicasBefore} -> ${broker.replicasAfter}`, `${broker.leadersBefore} -> ${broker.leadersAfter}`]),
  );
}

function renderMoves(plan: ClusterRebalancePlan): string {
  return renderTable(['topic', 'partition', 'replicas', 'target', 'copies data'], plan.moves.map((move) => [move.topic, move.partition, formatIdList(move.replicas), formatIdList(move.target), move.copiesData ? 'yes' : 'no']));
}

function outcomeLine(outcome: RebalanceOutcome, maxMoves: number): string {
  if (outcome.moved + outcome.reordered === 0 && !outcome.cancelled) {
    return outcome.leadersPending === 0 ? 'Every partition is led by its preferred replica.' : `${outcome.leadersPending} partition(s) not yet led by their preferred replica.`;
  }
  const how = `${outcome.moved} partition${outcome.moved === 1 ? '' : 's'} moved in ${outcome.waves} wave${outcome.waves === 1 ? '' : 's'} of at most ${maxMoves}, ${outcome.reordered} reordered`;
  if (outcome.cancelled) return `Stopped after ${outcome.seconds.toFixed(1)} s: ${how}.`;
  return `Rebalanced in ${outcome.seconds.toFixed(1)} s: ${how}; ${outcome.leadersPending === 0 ? 'every partition is led by its preferred replica' : `${outcome.leadersPending} partition(s) not yet led by their preferred replica`}.`;
}

function rebalanceJson(
  plan: ClusterRebalancePlan,
  brokers: readonly BrokerLoad[],
  run: { dryRun: boolean; maxMoves: number; excluded: readonly number[]; outcome: RebalanceOutcome | undefined },
): object {
  const { outcome } = run;
  return {
    dryRun: run.dryRun,
    maxMoves: run.maxMoves,
    excluded: run.excluded,
    moves: plan.moves,
    brokers: brokers.map((broker) => ({
      id: broker.id,
      rack: broker.rack,
      fenced: broker.fenced,
      excluded: broker.excluded,
      replicas: { before: broker.replicasBefore, after: broker.replicasAfter },
      leaders: { before: broker.leadersBefore, after: broker.leadersAfter },
    })),
    result: outcome === undefined ? null : { moved: outcome.moved, reordered: outcome.reordered, waves: outcome.waves, seconds: outcome.seconds, leadersPending: outcome.leadersPending, cancelled: outcome.cancelled },
  };
}

/**
 * A cli-progress bar on a terminal (written to the process's stderr, which is the
 * terminal); elsewhere one line each time a wave finishes or the phase changes, so logs stay short.
 */
function progressReporter(io: CommandIo): { update: (progress: RebalanceProgress) => void; stop: () => void } {
  if (io.stderrIsTty === true) {
    const bar = new SingleBar({ stream: process.stderr, format: 'rebalance [{bar}] {value}/{total} partitions moved | {inFlight} in flight | {phase}', hideCursor: true, clearOnComplete: false });
    let started = false;
    return {
      update(progress) {
        const payload = { inFlight: progress.inFlight, phase: progress.phase === 'leaders' ? `${progress.leadersPending} leaders to hand over` : progress.phase };
        if (!started) bar.start(progress.movesTotal, progress.movesDone, payload);
        else bar.update(progress.movesDone, payload);
        started = true;
      },
      stop: () => bar.stop(),
    };
  }
  // One line per change of phase or of partitions moved: a poll every half second would flood a log.
  let lastKey = '';
  return {
    update(progress) {
      const key = progress.phase === 'moving' ? `moving ${progress.movesDone}` : progress.phase;
      if (key === lastKey) return;
      lastKey = key;
      const moved = `${progress.movesDone}/${progress.movesTotal} partitions moved`;
      if (progress.phase === 'moving') io.stderr(`rebalance: ${moved}, ${progress.inFlight} in flight\n`);
      else if (progress.phase === 'leaders') io.stderr(`rebalance: ${moved}; waiting for preferred replicas to lead (${progress.leadersPending} to go)\n`);
      else io.stderr(`rebalance: ${moved}; done\n`);
    },
    stop() {},
  };
}
