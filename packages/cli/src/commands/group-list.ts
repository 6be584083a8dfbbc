import type { GroupState } from '@samsa/client';
import { type Command, JSON_OPTION, printJson } from '../command-line/command';
import { flagValue, listValue } from '../command-line/option-parser';
import { UsageError } from '../command-line/usage-error';
import { formatGroupList, groupListJson } from './group-output';

const STATES: readonly GroupState[] = ['empty', 'assigning', 'reconciling', 'stable', 'dead'];

export const groupListCommand: Command = {
  path: ['group', 'list'],
  summary: 'list the consumer groups with their state, member count and coordinator',
  usage: '',
  positionals: { required: 0, max: 0 },
  options: [{ name: 'state', type: 'string', multiple: true, valueName: 'STATE', description: `only groups in STATE (${STATES.join(', ')}); may be repeated` }, JSON_OPTION],
  details: 'JSON: [{"group","state","members","coordinator"}], sorted by group id. Each broker answers for the groups it coordinates; the list merges them.',
  async run({ io, parsed, broker }) {
    const states = listValue(parsed, 'state').map(checkState);
    const admin = broker().admin();
    try {
      const groups = await admin.listGroups({ states });
      if (flagValue(parsed, 'json')) printJson(io, groupListJson(groups));
      else io.stdout(formatGroupList(groups));
      return 0;
    } finally {
      admin.close();
    }
  },
};

function checkState(raw: string): GroupState {
  if (!(STATES as readonly string[]).includes(raw)) throw new UsageError(`invalid --state: expected one of ${STATES.join(', ')}, got "${raw}"`);
  return raw as GroupState;
}
