import type { Command } from '../command-line/command';

export const groupDeleteCommand: Command = {
  path: ['group', 'delete'],
  summary: 'delete a consumer group and its committed offsets (only while it has no members)',
  usage: 'GROUP',
  positionals: { required: 1, max: 1 },
  options: [],
  details: 'Exit 1 with NON_EMPTY_GROUP while the group has members (stop its consumers first), GROUP_ID_NOT_FOUND for a group that does not exist.',
  async run({ io, parsed, broker }) {
    const groupId = parsed.positionals[0]!;
    const admin = broker().admin();
    try {
      await admin.deleteGroups([groupId]);
      io.stdout(`Deleted group ${groupId}.\n`);
      return 0;
    } finally {
      admin.close();
    }
  },
};
