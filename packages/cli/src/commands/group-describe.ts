import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { flagValue } from '../command-line/option-parser';
import { formatGroupDescription, groupDescriptionJson } from './group-output';

export const groupDescribeCommand: Command = {
  path: ['group', 'describe'],
  summary: "show a group's members and, per partition, committed offset, end offset and lag",
  usage: 'GROUP',
  positionals: { required: 1, max: 1 },
  options: [JSON_OPTION],
  details: [
    'JSON: {"group","state","members":[{"memberId","instanceId","clientId","clientHost","memberEpoch","assignment","targetAssignment"}],',
    '"offsets":[{"topic","partition","committed","end","lag"}]}',
    'END is the high watermark (the offset the next record gets) and LAG = END - COMMITTED. Partitions the group',
    'has committed, and those its members own; as kafka-consumer-groups does, a partition owned but never committed',
    "shows COMMITTED and LAG as - (null in JSON), and a topic deleted since the commit shows END and LAG as -.",
    'Exit 1 with GROUP_ID_NOT_FOUND for a group that does not exist, INVALID_GROUP_ID for a malformed id.',
  ].join('\n'),
  async run({ io, parsed, broker }) {
    const groupId = parsed.positionals[0]!;
    const admin = broker().admin();
    try {
      const description = await admin.describeGroupOffsets(groupId);
      if (flagValue(parsed, 'json')) printJson(io, groupDescriptionJson(description));
      else io.stdout(formatGroupDescription(description));
      return 0;
    } finally {
      admin.close();
    }
  },
};
