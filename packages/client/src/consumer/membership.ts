import { type ErrorName, type GroupWire, assert, errorNameOf } from '@samsa/protocol';
import { COORDINATOR_ERRORS } from './group-offsets';
import { type TopicPartition, difference, fromWire, partitionKey, toWire } from './topic-partitions';

/** What the member subscribes to: topic names, or a regular expression matched against whole names. */
export type Subscription = { readonly topics: readonly string[] } | { readonly regex: string };

/**
 * A step the driver performs and then reports with `stepDone`. While one runs no other
 * starts, so the partitions of a step are never touched by two at once.
 * - revoke: stop fetching, commit the positions, call onPartitionsRevoked, drop them;
 * - assign: look up committed offsets, call onPartitionsAssigned, start fetching;
 * - lose: stop fetching, call onPartitionsLost, drop them, without committing (fenced).
 */
export type MembershipStep = { readonly kind: 'revoke' | 'assign' | 'lose'; readonly partitions: readonly TopicPartition[] };

export interface MembershipConfig {
  readonly groupId: string;
  readonly groupInstanceId: string | undefined;
  readonly clientId: string;
  readonly rebalanceTimeoutMs: number;
  /** Without a successful heartbeat for this long, the member takes its partitions as lost. */
  readonly sessionTimeoutMs: number;
  readonly assignor: string;
  /** Backoff of heartbeat retries after a failure: initial, max. */
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
}

export type MembershipPhase = 'unsubscribed' | 'joining' | 'stable' | 'reconciling' | 'leaving' | 'left' | 'failed';

/** What an answer or failure means for the driver beyond the next step. */
export interface HeartbeatOutcome {
  /** Ask FindCoordinator again before the next call. */
  readonly findCoordinator: boolean;
  /** A fatal error: the consumer cannot go on (bad group id, assignor, instance id in use). */
  readonly fatal?: { readonly code: ErrorName; readonly message: string };
}

const REJOIN_ERRORS: ReadonlySet<ErrorName> = new Set<ErrorName>(['FENCED_MEMBER_EPOCH', 'UNKNOWN_MEMBER_ID']);
const RETRY_ERRORS: ReadonlySet<ErrorName> = new Set<ErrorName>(['REQUEST_TIMED_OUT', 'NETWORK_EXCEPTION', 'UNKNOWN_SERVER_ERROR', 'NOT_ENOUGH_REPLICAS', 'KAFKA_STORAGE_ERROR']);

/**
 * One member's side of the KIP-848 consumer protocol, as a pure state machine (no I/O, no
 * clock: every call takes `nowMs`). The driver asks `heartbeatRequest(nowMs)` for the next
 * heartbeat to send (at most one in flight, as the coordinator requires), reports its answer
 * or failure, runs the steps `nextStep()` hands out and reports them with `stepDone`, and
 * sleeps until `nextWakeMs()`.
 *
 * Reconciliation, as the coordinator expects it: the latest answer's assignment is what the
 * member may own. Owned partitions missing from it are revoked first; once that step is done
 * the member heartbeats at once with the smaller `owned`, and the coordinator hands it the
 * partitions others have released. New partitions are assigned after revocations. The epoch
 * sent is the latest answer's. FENCED_MEMBER_EPOCH / UNKNOWN_MEMBER_ID (or no successful
 * heartbeat for `sessionTimeoutMs`) lose every partition without a commit, then rejoin with
 * epoch 0; leaving sends -1 (-2 for a static member, which keeps its place for a restart).
 */
export class Membership {
  memberId = '';
  memberEpoch = 0;
  private phaseValue: MembershipPhase = 'unsubscribed';
  private subscription: Subscription | undefined;
  private readonly owned = new Map<string, TopicPartition>();
  private target = new Map<string, TopicPartition>();
  private readonly topicIds = new Map<string, string>();
  private running: MembershipStep | undefined;
  private losePending = false;
  private inFlight = false;
  /** The heartbeat in flight is the leave (-1 / -2). */
  private inFlightLeave = false;
  private nextHeartbeatAtMs = 0;
  private heartbeatIntervalMs = 5_000;
  private failures = 0;
  private lastSuccessMs: number | undefined;
  /** Heartbeat answers applied, for callers waiting for "the next heartbeat" (STALE_MEMBER_EPOCH). */
  answers = 0;

  constructor(readonly config: MembershipConfig) {}

  get phase(): MembershipPhase {
    return this.phaseValue;
  }

  /** The partitions the member owns now (assign steps done, revoke steps not yet). */
  ownedPartitions(): TopicPartition[] {
    return [...this.owned.values()];
  }

  owns(topic: string, partition: number): boolean {
    return this.owned.has(partitionKey(topic, partition));
  }

  /** Sets or changes the subscription; the next heartbeat (sent at once) carries it. */
  subscribe(subscription: Subscription, nowMs: number): void {
    assert(this.phaseValue !== 'leaving' && this.phaseValue !== 'left', 'subscribe after leave');
    this.subscription = subscription;
    if (this.phaseValue === 'unsubscribed') this.phaseValue = 'joining';
    this.lastSuccessMs ??= nowMs;
    this.nextHeartbeatAtMs = nowMs;
  }

  /** Starts leaving: the next heartbeat says -1 (or -2 for a static member), after the one in flight. */
  leave(nowMs: number): void {
    if (this.phaseValue === 'left' || this.phaseValue === 'leaving') return;
    this.phaseValue = this.phaseValue === 'unsubscribed' || this.memberId === '' ? 'left' : 'leaving';
    this.nextHeartbeatAtMs = nowMs;
  }

  /** The heartbeat to send now, or undefined (one is in flight, none is due, or a loss is pending). */
  heartbeatRequest(nowMs: number): GroupWire.HeartbeatRequest | undefined {
    if (this.inFlight || nowMs < this.nextHeartbeatAtMs || this.subscription === undefined) return undefined;
    if (this.phaseValue === 'unsubscribed' || this.phaseValue === 'left' || this.phaseValue === 'failed') return undefined;
    // A member rejoins only once its lost partitions are dropped: it must not be handed one of them while it still holds it.
    if (this.phaseValue !== 'leaving' && (this.losePending || this.running?.kind === 'lose')) return undefined;
    this.inFlight = true;
    const leaving = this.phaseValue === 'leaving';
    this.inFlightLeave = leaving;
    const memberEpoch = leaving ? (this.config.groupInstanceId !== undefined ? -2 : -1) : this.memberEpoch;
    const subscription = this.subscription;
    return {
      groupId: this.config.groupId,
      memberId: this.memberId,
      memberEpoch,
      instanceId: this.config.groupInstanceId ?? '',
      rackId: '',
      clientId: this.config.clientId,
      rebalanceTimeoutMs: this.config.rebalanceTimeoutMs,
      subscribedTopicNames: 'topics' in subscription ? [...subscription.topics] : [],
      subscribedTopicRegex: 'regex' in subscription ? subscription.regex : '',
      serverAssignor: this.config.assignor,
      owned: toWire(this.owned.values(), this.topicIds),
    };
  }

  /** The coordinator's answer to the heartbeat in flight. */
  onHeartbeatAnswer(answer: GroupWire.HeartbeatResponse__Output, nowMs: number): HeartbeatOutcome {
    assert(this.inFlight, 'a heartbeat answer without a heartbeat in flight');
    this.inFlight = false;
    this.answers += 1;
    if (this.inFlightLeave) {
      this.phaseValue = 'left';
      return { findCoordinator: false };
    }
    if (this.phaseValue === 'leaving') {
      this.nextHeartbeatAtMs = nowMs; // the leave goes next
      return { findCoordinator: false };
    }
    if (answer.errorCode !== 0) return this.onError(errorNameOf(answer.errorCode), answer.errorMessage, nowMs);
    this.failures = 0;
    this.lastSuccessMs = nowMs;
    if (this.losePending) return { findCoordinator: false }; // fenced by session timeout meanwhile: the loss runs first
    this.memberId = answer.memberId;
    this.memberEpoch = answer.memberEpoch;
    if (answer.heartbeatIntervalMs > 0) this.heartbeatIntervalMs = answer.heartbeatIntervalMs;
    for (const group of answer.assignment) if (group.topicId !== '') this.topicIds.set(group.topic, group.topicId);
    this.target = fromWire(answer.assignment);
    this.nextHeartbeatAtMs = nowMs + this.heartbeatIntervalMs;
    this.updatePhase();
    return { findCoordinator: false };
  }

  /** The heartbeat in flight failed without an answer (connection, timeout). */
  onHeartbeatFailure(code: ErrorName, nowMs: number): HeartbeatOutcome {
    assert(this.inFlight, 'a heartbeat failure without a heartbeat in flight');
    this.inFlight = false;
    if (this.inFlightLeave) {
      // One try: a member that cannot reach its coordinator is removed by its session timeout.
      this.phaseValue = 'left';
      return { findCoordinator: false };
    }
    if (this.phaseValue === 'leaving') {
      this.nextHeartbeatAtMs = nowMs;
      return { findCoordinator: true };
    }
    this.backOff(nowMs);
    return { findCoordinator: code === 'NETWORK_EXCEPTION' || code === 'REQUEST_TIMED_OUT' || COORDINATOR_ERRORS.has(code) };
  }

  /**
   * The next step to run, or undefined (one runs, or owned matches the assignment). A loss
   * comes first, then revocations, then new partitions.
   */
  nextStep(nowMs: number): MembershipStep | undefined {
    if (this.running !== undefined || this.phaseValue === 'left' || this.phaseValue === 'failed') return undefined;
    this.checkSession(nowMs);
    if (this.losePending) {
      this.losePending = false;
      return (this.running = { kind: 'lose', partitions: [...this.owned.values()] });
    }
    if (this.phaseValue === 'leaving' || this.phaseValue === 'joining' || this.phaseValue === 'unsubscribed') return undefined;
    const revoke = difference(this.owned, this.target);
    if (revoke.length > 0) return (this.running = { kind: 'revoke', partitions: revoke });
    const assign = difference(this.target, this.owned);
    if (assign.length > 0) return (this.running = { kind: 'assign', partitions: assign });
    return undefined;
  }

  /** The driver finished `step`: owned changes, and the coordinator hears of it at once. */
  stepDone(step: MembershipStep, nowMs: number): void {
    assert(this.running === step, 'stepDone for a step that is not running');
    this.running = undefined;
    for (const { topic, partition } of step.partitions) {
      if (step.kind === 'assign') this.owned.set(partitionKey(topic, partition), { topic, partition });
      else this.owned.delete(partitionKey(topic, partition));
    }
    if (step.kind === 'lose') {
      this.memberEpoch = 0;
      this.target = new Map();
      if (this.phaseValue !== 'leaving' && this.phaseValue !== 'left') this.phaseValue = 'joining';
    }
    // Released partitions go to their next owner only once the coordinator hears of it; new
    // ones are acknowledged at once too, so the member reaches its epoch (and stable) soon.
    this.nextHeartbeatAtMs = Math.min(this.nextHeartbeatAtMs, nowMs);
    this.updatePhase();
  }

  /** When the driver should look again (a heartbeat due, or the session running out). */
  nextWakeMs(): number {
    const session = this.owned.size > 0 && this.lastSuccessMs !== undefined ? this.lastSuccessMs + this.config.sessionTimeoutMs : Infinity;
    return Math.min(this.inFlight ? Infinity : this.nextHeartbeatAtMs, session);
  }

  get heartbeatInFlight(): boolean {
    return this.inFlight;
  }

  get stepRunning(): MembershipStep | undefined {
    return this.running;
  }

  private onError(code: ErrorName, message: string, nowMs: number): HeartbeatOutcome {
    if (REJOIN_ERRORS.has(code)) {
      if (code === 'UNKNOWN_MEMBER_ID') this.memberId = '';
      this.memberEpoch = 0;
      this.target = new Map();
      this.losePending = this.owned.size > 0 || this.running !== undefined;
      this.phaseValue = 'joining';
      this.nextHeartbeatAtMs = nowMs;
      return { findCoordinator: false };
    }
    if (COORDINATOR_ERRORS.has(code) || RETRY_ERRORS.has(code)) {
      this.backOff(nowMs);
      return { findCoordinator: COORDINATOR_ERRORS.has(code) };
    }
    this.phaseValue = 'failed';
    return { findCoordinator: false, fatal: { code, message: message || code } };
  }

  private backOff(nowMs: number): void {
    const delayMs = Math.min(this.config.retryBackoffMaxMs, this.config.retryBackoffMs * 2 ** Math.min(this.failures, 20));
    this.failures += 1;
    this.nextHeartbeatAtMs = nowMs + delayMs;
  }

  /** No successful heartbeat for a session: the coordinator has removed us and given our partitions away. */
  private checkSession(nowMs: number): void {
    if (this.lastSuccessMs === undefined || this.owned.size === 0 || this.phaseValue === 'leaving') return;
    if (nowMs - this.lastSuccessMs < this.config.sessionTimeoutMs) return;
    this.losePending = true;
    this.memberEpoch = 0;
    this.target = new Map();
    this.lastSuccessMs = nowMs;
  }

  private updatePhase(): void {
    if (this.phaseValue === 'leaving' || this.phaseValue === 'left' || this.phaseValue === 'failed') return;
    if (this.memberEpoch === 0) {
      this.phaseValue = 'joining';
      return;
    }
    const settled = this.running === undefined && difference(this.owned, this.target).length === 0 && difference(this.target, this.owned).length === 0;
    this.phaseValue = settled ? 'stable' : 'reconciling';
  }
}
