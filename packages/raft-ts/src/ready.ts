import type { Message } from './message';
import type { Entry, HardState, ReadState, Snapshot, SoftState } from './types';

/**
 * A batch of work the application must do, in this order:
 *
 * 1. Persist `snapshot` (if any), then append `entries`, then save `hardState` (if any),
 *    and make them durable (fsync) before going on. Entries may overwrite a suffix of the
 *    stored log: the new ones win.
 * 2. Send `messages`, only after step 1: a vote or an acknowledgment promises durability.
 * 3. Apply: install `snapshot` into the state machine (if any), then apply
 *    `committedEntries` in order, then serve the reads in `readStates`.
 * 4. Call `advance(ready)`.
 */
export interface Ready {
  /** Present when leader or role changed since the last Ready; for routing and metrics. */
  softState?: SoftState;
  /** Present when term, vote or commit changed; persist in step 1. */
  hardState?: HardState;
  /** Entries to append to stable storage in step 1. */
  entries: readonly Entry[];
  /** A snapshot received from the leader; persist in step 1, install in step 3. */
  snapshot?: Snapshot;
  /** Messages to send after step 1; delivery may be lossy, raft retries. */
  messages: readonly Message[];
  /** Committed entries to apply in step 3, in order; they may include this Ready's entries. */
  committedEntries: readonly Entry[];
  /** Confirmed linearizable reads; serve each once this Ready's entries are applied. */
  readStates: readonly ReadState[];
}
