import type { Command } from '../command-line/command';
import { flagValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { REBALANCE_DETAILS, REBALANCE_OPTIONS, rebalanceCommandRun } from './cluster-rebalance';

/**
 * `samsa cluster remove-broker N`: the rebalance with broker N left out of the plan, so every
 * replica moves off it (and the rest stay balanced); then it says whether N may be stopped.
 */
export const clusterRemoveBrokerCommand: Command = {
  path: ['cluster', 'remove-broker'],
  summary: 'move every replica off a broker so that it can be stopped',
  usage: 'BROKER_ID',
  positionals: { required: 1, max: 1 },
  options: REBALANCE_OPTIONS,
  details: `The brokers that remain are rebalanced as by \`samsa cluster rebalance\`.\n${REBALANCE_DETAILS}`,
  async run(context) {
    const raw = context.parsed.positionals[0]!;
    const id = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id > 2 ** 31 - 1) throw new UsageError(`invalid BROKER_ID: expected a broker id (an integer of 0 or more), got "${raw}"`);
    const outcome = await rebalanceCommandRun(context, [id]);
    if (outcome === undefined || outcome.cancelled) return outcome === undefined ? 0 : 1;
    const left = outcome.brokers.find((broker) => broker.id === id)?.replicasAfter ?? 0;
    if (left > 0) {
      context.io.stderr(`samsa: broker ${id} still holds ${left} replica(s); do not stop it yet\n`);
      return 1;
    }
    const controllers = (await context.broker().admin().describeCluster()).controllers;
    const alsoController = controllers.some((controller) => controller.id === id);
    if (!flagValue(context.parsed, 'json')) {
      context.io.stdout(
        `Broker ${id} holds no replicas: it may be stopped.${alsoController ? ` Node ${id} is also a controller: stopping it takes a voter from the quorum of ${controllers.length}.` : ''}\n`,
      );
    }
    return 0;
  },
};

