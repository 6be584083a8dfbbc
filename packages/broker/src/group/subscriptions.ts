// What each member subscribes to, resolved against the topics that exist: names, plus a
// regular expression matched against whole topic names. And the group-level view of those
// topics (partition counts, topic ids) whose change starts a new assignment.
import { SamsaError } from '@samsa/protocol';
import type { TopicImage } from './group-api';
import type { MemberMetadata, SubscribedTopic } from './group-records';

/** Longer expressions are refused: they cost time on every heartbeat and metadata change. */
export const SUBSCRIPTION_REGEX_LENGTH_MAX = 1024;

/** Topics whose names start with this are internal (__consumer_offsets); no regex matches them. */
const INTERNAL_TOPIC_PREFIX = '__';

/**
 * The expression as a whole-name matcher; INVALID_REQUEST when it does not compile or is too
 * long. JavaScript syntax, which accepts what RE2 does for the usual subscriptions (`orders-.*`,
 * `(a|b)-v[0-9]+`), not RE2's linear-time guarantee.
 */
export function compileTopicRegex(regex: string): RegExp {
  if (regex.length > SUBSCRIPTION_REGEX_LENGTH_MAX) {
    throw new SamsaError('INVALID_REQUEST', `subscribed_topic_regex is longer than ${SUBSCRIPTION_REGEX_LENGTH_MAX} characters`);
  }
  try {
    return new RegExp(`^(?:${regex})$`, 'u');
  } catch (error) {
    throw new SamsaError('INVALID_REQUEST', `subscribed_topic_regex ${JSON.stringify(regex)} is not a valid expression`, { cause: error });
  }
}

type Subscription = Pick<MemberMetadata, 'subscribedTopicNames' | 'subscribedTopicRegex'>;

/** The topics among `existingTopics` that the member subscribes to. */
export function resolveSubscription(subscription: Subscription, existingTopics: Iterable<string>): Set<string> {
  const names = new Set(subscription.subscribedTopicNames);
  const regex = subscription.subscribedTopicRegex === '' ? null : compileTopicRegex(subscription.subscribedTopicRegex);
  const resolved = new Set<string>();
  for (const topic of existingTopics) {
    if (names.has(topic)) resolved.add(topic);
    else if (regex !== null && !topic.startsWith(INTERNAL_TOPIC_PREFIX) && regex.test(topic)) resolved.add(topic);
  }
  return resolved;
}

/** The topics any of the members subscribes to, as the metadata shows them now; sorted by name. */
export function subscribedTopicsOf(members: Iterable<Subscription>, topics: TopicImage): SubscribedTopic[] {
  const subscribed = new Set<string>();
  for (const member of members) for (const topic of resolveSubscription(member, topics.keys())) subscribed.add(topic);
  return [...subscribed].sort().map((name) => {
    const { topicId, partitionCount } = topics.get(name)!;
    return { name, topicId, partitionCount };
  });
}

export function subscribedTopicsEqual(left: readonly SubscribedTopic[], right: readonly SubscribedTopic[]): boolean {
  return (
    left.length === right.length &&
    left.every(
      (topic, index) =>
        topic.name === right[index]!.name &&
        topic.topicId === right[index]!.topicId &&
        topic.partitionCount === right[index]!.partitionCount,
    )
  );
}

/** True when a member's metadata changed in a way the assignment depends on. */
export function changesAssignment(before: MemberMetadata, after: MemberMetadata): boolean {
  return (
    before.subscribedTopicRegex !== after.subscribedTopicRegex ||
    before.serverAssignor !== after.serverAssignor ||
    before.rackId !== after.rackId ||
    before.subscribedTopicNames.length !== after.subscribedTopicNames.length ||
    before.subscribedTopicNames.some((topic, index) => topic !== after.subscribedTopicNames[index])
  );
}

export function memberMetadataEqual(left: MemberMetadata, right: MemberMetadata): boolean {
  return (
    !changesAssignment(left, right) &&
    left.instanceId === right.instanceId &&
    left.clientId === right.clientId &&
    left.clientHost === right.clientHost &&
    left.rebalanceTimeoutMs === right.rebalanceTimeoutMs
  );
}
