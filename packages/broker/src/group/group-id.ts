// Which group ids the coordinator accepts: the rules of topic names (Kafka's are looser for
// groups; ours match so ids are safe in paths, metric labels and CLI arguments).
import { isSamsaError, SamsaError } from '@samsa/protocol';

export const GROUP_ID_LENGTH_MAX = 249;

const LEGAL_GROUP_ID = /^[a-zA-Z0-9._-]+$/;

/** Throws INVALID_GROUP_ID unless the id is 1 to 249 characters of `a-z A-Z 0-9 . _ -`. */
export function validateGroupId(groupId: string): void {
  if (groupId === '') throw new SamsaError('INVALID_GROUP_ID', 'the group id is empty');
  if (groupId.length > GROUP_ID_LENGTH_MAX) {
    throw new SamsaError('INVALID_GROUP_ID', `the group id is longer than ${GROUP_ID_LENGTH_MAX} characters`);
  }
  if (!LEGAL_GROUP_ID.test(groupId)) {
    throw new SamsaError('INVALID_GROUP_ID', `group id ${JSON.stringify(groupId)} holds characters other than a-z, A-Z, 0-9, '.', '_' and '-'`);
  }
}

/** The answer to give for a bad group id, or null for a good one. */
export function groupIdError(groupId: string): { error: 'INVALID_GROUP_ID'; errorMessage: string } | null {
  try {
    validateGroupId(groupId);
    return null;
  } catch (error) {
    if (isSamsaError(error, 'INVALID_GROUP_ID')) return { error: 'INVALID_GROUP_ID', errorMessage: error.message };
    throw error;
  }
}
