// Original file: proto/samsa/v1/broker.proto


/**
 * Where to go instead, with NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH.
 */
export interface LeaderHint {
  'leaderId'?: (number);
  'leaderEpoch'?: (number);
}

/**
 * Where to go instead, with NOT_LEADER_OR_FOLLOWER and FENCED_LEADER_EPOCH.
 */
export interface LeaderHint__Output {
  'leaderId': (number);
  'leaderEpoch': (number);
}
