import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import { type ControllerWire, ErrorCodes, type ErrorName, SamsaError, controllerService, formatHostPort, parseHostPort } from '@samsa/protocol';
import { type BackoffPolicy, backoffDelayMs } from './retry-backoff';

export interface ControllerClientOptions {
  /** Controllers to try, each `host:port` (IPv6 as `[::1]:9093`); at least one. */
  readonly addresses: readonly string[];
  /** Deadline of one attempt: one gRPC call to one controller. Default 5 s. */
  readonly attemptTimeoutMs?: number;
  /** Deadline of one method call, all attempts and pauses included. Default 15 s. */
  readonly callTimeoutMs?: number;
  /** Attempts per method call over all controllers, the first included. Default 8. */
  readonly attemptsMax?: number;
  /** Pauses between attempts. Default 50 ms doubling up to 1 s, with jitter. */
  readonly backoff?: BackoffPolicy;
  /** The jitter's source of randomness, [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  readonly channelOptions?: grpc.ChannelOptions;
}

export const CONTROLLER_CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  'grpc.max_send_message_length': 64 * 1024 * 1024,
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 1_000,
  // Retries are ours (leader following, backoff); grpc-js must not add its own.
  'grpc.enable_retries': 0,
};

const ATTEMPT_TIMEOUT_MS_DEFAULT = 5_000;
const CALL_TIMEOUT_MS_DEFAULT = 15_000;
const ATTEMPTS_MAX_DEFAULT = 8;
const BACKOFF_DEFAULT: BackoffPolicy = { initialMs: 50, maxMs: 1_000 };
/** Controllers learned from NOT_CONTROLLER answers are added to the list, up to this many. */
const ADDRESSES_MAX = 64;
const NOT_CONTROLLER_CODE = ErrorCodes.NOT_CONTROLLER.code;

/**
 * No controller leader answered within the attempts or the time allowed. `code` is
 * NOT_CONTROLLER when controllers answered but none was (or knew) the leader, as during an
 * election; NETWORK_EXCEPTION when none could be reached. The message names every address tried.
 */
export class ControllerUnavailableError extends SamsaError {
  override readonly name = 'ControllerUnavailableError';
  constructor(
    code: ErrorName,
    message: string,
    readonly addressesTried: readonly string[],
  ) {
    super(code, message);
  }
}

/** Throws the `SamsaError` that a response's (or a per-item) `error` stands for, if any. */
export function throwIfError(error: ControllerWire.Error__Output | null): void {
  if (error !== null && error.code !== 0) throw SamsaError.fromCode(error.code, error.message === '' ? undefined : error.message);
}

type UnaryMethod = (request: unknown, options: grpc.CallOptions, callback: (error: grpc.ServiceError | null, response: unknown) => void) => grpc.ClientUnaryCall;

type Attempt =
  | { readonly kind: 'answered'; readonly response: { readonly error: ControllerWire.Error__Output | null } }
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: SamsaError };

/**
 * A client of the controller quorum (`proto/samsa/v1/controller.proto`). Each call goes to the
 * controller this client believes leads. A `NOT_CONTROLLER` answer that names the leader is
 * followed at once; one that does not (an election is running), an unreachable controller and
 * an attempt past its deadline move on to the next address after a pause that grows
 * exponentially with jitter. Attempts and total time per call are bounded; then the call
 * fails with `ControllerUnavailableError`. Any other error code in a response is thrown as a
 * `SamsaError` without retrying: only the caller knows whether repeating a write is safe.
 *
 * Note that a write whose attempt timed out may still have been applied; its retry can then
 * answer e.g. TOPIC_ALREADY_EXISTS, as Kafka's admin client can. Calls may run concurrently.
 */
export class ControllerClient {
  private readonly addresses: string[];
  private readonly clients = new Map<string, ControllerWire.ControllerClient>();
  private currentIndex = 0;
  private closed = false;
  private readonly attemptTimeoutMs: number;
  private readonly callTimeoutMs: number;
  private readonly attemptsMax: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;

  constructor(private readonly options: ControllerClientOptions) {
    if (options.addresses.length === 0) throw new RangeError('ControllerClient needs at least one controller address');
    this.addresses = [...new Set(options.addresses.map(normalizeAddress))];
    this.attemptTimeoutMs = positive(options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS_DEFAULT, 'attemptTimeoutMs');
    this.callTimeoutMs = positive(options.callTimeoutMs ?? CALL_TIMEOUT_MS_DEFAULT, 'callTimeoutMs');
    this.attemptsMax = positive(options.attemptsMax ?? ATTEMPTS_MAX_DEFAULT, 'attemptsMax');
    this.backoff = options.backoff ?? BACKOFF_DEFAULT;
    this.random = options.random ?? Math.random;
  }

  /** The controller the next call goes to first. */
  get currentAddress(): string {
    return this.addresses[this.currentIndex]!;
  }

  registerBroker(request: ControllerWire.RegisterBrokerRequest): Promise<ControllerWire.RegisterBrokerResponse__Output> {
    return this.call('RegisterBroker', request);
  }

  brokerHeartbeat(request: ControllerWire.BrokerHeartbeatRequest): Promise<ControllerWire.BrokerHeartbeatResponse__Output> {
    return this.call('BrokerHeartbeat', request);
  }

  /** Per-topic outcomes are in `topics[i].error`; only a request-wide error throws. */
  createTopics(request: ControllerWire.CreateTopicsRequest): Promise<ControllerWire.CreateTopicsResponse__Output> {
    return this.call('CreateTopics', request);
  }

  /** Per-topic outcomes are in `topics[i].error`; only a request-wide error throws. */
  deleteTopics(request: ControllerWire.DeleteTopicsRequest): Promise<ControllerWire.DeleteTopicsResponse__Output> {
    return this.call('DeleteTopics', request);
  }

  createPartitions(request: ControllerWire.CreatePartitionsRequest): Promise<ControllerWire.CreatePartitionsResponse__Output> {
    return this.call('CreatePartitions', request);
  }

  alterConfigs(request: ControllerWire.AlterConfigsRequest): Promise<ControllerWire.AlterConfigsResponse__Output> {
    return this.call('AlterConfigs', request);
  }

  /** Per-partition outcomes are in `partitions[i].error`; only a request-wide error throws. */
  alterPartition(request: ControllerWire.AlterPartitionRequest): Promise<ControllerWire.AlterPartitionResponse__Output> {
    return this.call('AlterPartition', request);
  }

  /** Per-partition outcomes are in `partitions[i].error`. */
  alterPartitionReassignments(request: ControllerWire.AlterPartitionReassignmentsRequest): Promise<ControllerWire.AlterPartitionReassignmentsResponse__Output> {
    return this.call('AlterPartitionReassignments', request);
  }

  listPartitionReassignments(): Promise<ControllerWire.ListPartitionReassignmentsResponse__Output> {
    return this.call('ListPartitionReassignments', {});
  }

  allocateProducerIds(request: ControllerWire.AllocateProducerIdsRequest): Promise<ControllerWire.AllocateProducerIdsResponse__Output> {
    return this.call('AllocateProducerIds', request);
  }

  describeCluster(): Promise<ControllerWire.DescribeClusterResponse__Output> {
    return this.call('DescribeCluster', {});
  }

  /** Per-topic outcomes (e.g. an unknown name) are in `topics[i].error`. */
  describeTopics(request: ControllerWire.DescribeTopicsRequest): Promise<ControllerWire.DescribeTopicsResponse__Output> {
    return this.call('DescribeTopics', request);
  }

  /**
   * The committed metadata stream from the current controller, without retries or leader
   * following: the caller watches `error`/`end` and reopens (from its last offset) as it sees fit.
   */
  fetchMetadata(request: ControllerWire.FetchMetadataRequest): grpc.ClientReadableStream<ControllerWire.FetchMetadataResponse__Output> {
    this.checkOpen();
    return this.clientFor(this.currentAddress).FetchMetadata(request);
  }

  /**
   * For a caller that reads controller answers itself (the metadata stream): the controller
   * at `from` answered NOT_CONTROLLER, naming `leader` or not, or stopped answering. The next
   * call goes to the leader named; without one, to the controller after `from`, unless this
   * client has already moved away from `from` (another call learned better meanwhile).
   */
  moveAwayFrom(from: string, leader: ControllerWire.NodeAddress__Output | null = null): void {
    const hinted = leaderAddress(leader);
    if (hinted !== undefined && hinted !== from) this.moveTo(hinted);
    else if (this.currentAddress === from) this.rotate();
  }

  /** Closes every channel; calls in flight fail. Idempotent. */
  close(): void {
    this.closed = true;
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private async call<Response extends { readonly error: ControllerWire.Error__Output | null }>(method: string, request: unknown): Promise<Response> {
    this.checkOpen();
    const startedMs = performance.now();
    const failures: string[] = [];
    const tried = new Set<string>();
    let answeredNotController = false;
    let followedHintLastTime = false;
    for (let attempt = 0; attempt < this.attemptsMax; attempt += 1) {
      const remainingMs = this.callTimeoutMs - (performance.now() - startedMs);
      if (remainingMs <= 0) break;
      const address = this.currentAddress;
      tried.add(address);
      const outcome = await this.attempt(address, method, request, Math.min(this.attemptTimeoutMs, remainingMs));
      if (outcome.kind === 'failed') throw outcome.error;
      let followHint = false;
      if (outcome.kind === 'answered') {
        const error = outcome.response.error;
        if (error === null || error.code !== NOT_CONTROLLER_CODE) {
          throwIfError(error);
          return outcome.response as Response;
        }
        answeredNotController = true;
        const leader = leaderAddress(error.leader);
        failures.push(`${address}: NOT_CONTROLLER${leader === undefined ? ' (no leader known)' : ` (leader ${leader})`}`);
        // Follow a hint at once, but not twice in a row: two controllers that name each
        // other (one of them stale) must not burn every attempt in a few milliseconds.
        followHint = leader !== undefined && leader !== address && !followedHintLastTime;
        if (leader !== undefined && leader !== address) this.moveTo(leader);
        else this.rotate();
      } else {
        failures.push(`${address}: ${outcome.reason}`);
        this.rotate();
      }
      followedHintLastTime = followHint;
      if (!followHint && attempt + 1 < this.attemptsMax) await sleep(backoffDelayMs(attempt, this.backoff, this.random));
    }
    throw unavailable(answeredNotController, [...tried], failures);
  }

  private attempt(address: string, method: string, request: unknown, timeoutMs: number): Promise<Attempt> {
    this.checkOpen();
    const client = this.clientFor(address) as unknown as Record<string, UnaryMethod>;
    const invoke = client[method];
    if (invoke === undefined) throw new TypeError(`controller.proto has no method ${method}`);
    return new Promise((resolve) => {
      invoke.call(client, request, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (error === null) {
          resolve({ kind: 'answered', response: response as { error: ControllerWire.Error__Output | null } });
        } else if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) {
          resolve({ kind: 'unreachable', reason: `${grpc.status[error.code]}: ${transportReason(error.details)}` });
        } else {
          const message = `controller ${address} failed ${method}: ${grpc.status[error.code] ?? error.code}: ${firstLine(error.details)}`;
          resolve({ kind: 'failed', error: new SamsaError('UNKNOWN_SERVER_ERROR', message, { cause: error }) });
        }
      });
    });
  }

  private clientFor(address: string): ControllerWire.ControllerClient {
    let client = this.clients.get(address);
    if (client === undefined) {
      const Client = controllerService();
      client = new Client(address, grpc.credentials.createInsecure(), { ...CONTROLLER_CHANNEL_OPTIONS, ...this.options.channelOptions });
      this.clients.set(address, client);
    }
    return client;
  }

  private moveTo(address: string): void {
    let index = this.addresses.indexOf(address);
    if (index === -1) {
      if (this.addresses.length >= ADDRESSES_MAX) {
        this.rotate();
        return;
      }
      index = this.addresses.push(address) - 1;
    }
    this.currentIndex = index;
  }

  private rotate(): void {
    this.currentIndex = (this.currentIndex + 1) % this.addresses.length;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('ControllerClient is closed');
  }
}

function unavailable(answeredNotController: boolean, tried: readonly string[], failures: readonly string[]): ControllerUnavailableError {
  const last = failures.at(-1) ?? 'no attempt fitted in the time allowed';
  if (answeredNotController) {
    return new ControllerUnavailableError('NOT_CONTROLLER', `no controller leader answered after ${failures.length} attempts (tried ${tried.join(', ')}; last: ${last})`, tried);
  }
  return new ControllerUnavailableError('NETWORK_EXCEPTION', `cannot reach a controller at ${tried.join(', ')} after ${failures.length} attempts (last: ${last})`, tried);
}

function leaderAddress(leader: ControllerWire.NodeAddress__Output | null): string | undefined {
  if (leader === null || leader.host === '' || leader.port <= 0) return undefined;
  return formatHostPort(leader);
}

/** `host:port`, with brackets around an IPv6 host, the form gRPC targets take. */
function normalizeAddress(raw: string): string {
  let parsed;
  try {
    parsed = parseHostPort(raw);
  } catch (error) {
    throw new RangeError(`controller address "${raw}": ${(error as Error).message}`);
  }
  return formatHostPort(parsed);
}

/** grpc-js's "No connection established. Last error: Error: connect ECONNREFUSED …" made short. */
function transportReason(details: string): string {
  return firstLine(details)
    .replace(/^No connection established\. Last error: (Error: )?/, '')
    .replace(/\.? ?Resolution note:.*$/, '')
    .trim();
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
