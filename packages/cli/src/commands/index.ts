import type { Command } from '../command-line/command';
import { benchConsumeCommand, benchE2eCommand, benchPartitionsCommand, benchProduceCommand } from './bench';
import { clusterDescribeCommand } from './cluster-describe';
import { clusterRebalanceCommand } from './cluster-rebalance';
import { clusterRemoveBrokerCommand } from './cluster-remove-broker';
import { clusterStartCommand } from './cluster-start';
import { consumeCommand } from './consume';
import { groupDeleteCommand } from './group-delete';
import { groupDescribeCommand } from './group-describe';
import { groupListCommand } from './group-list';
import { groupResetOffsetsCommand } from './group-reset-offsets';
import { produceCommand } from './produce';
import { serverCommand } from './server';
import { topicAlterCommand } from './topic-alter';
import { topicCreateCommand } from './topic-create';
import { topicDeleteCommand } from './topic-delete';
import { topicDescribeCommand } from './topic-describe';
import { topicListCommand } from './topic-list';

/** Every `samsa` command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  serverCommand,
  clusterStartCommand,
  clusterDescribeCommand,
  clusterRebalanceCommand,
  clusterRemoveBrokerCommand,
  topicCreateCommand,
  topicListCommand,
  topicDescribeCommand,
  topicAlterCommand,
  topicDeleteCommand,
  produceCommand,
  consumeCommand,
  groupListCommand,
  groupDescribeCommand,
  groupDeleteCommand,
  groupResetOffsetsCommand,
  benchProduceCommand,
  benchConsumeCommand,
  benchE2eCommand,
  benchPartitionsCommand,
];
