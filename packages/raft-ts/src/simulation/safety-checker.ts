import type { NodeId } from '../types';
import { BOOTSTRAP_HASH } from './hash';

/** A safety property was violated; the message says which and where. */
export class SafetyViolation extends Error {
  override readonly name = 'SafetyViolation';
}

function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new SafetyViolation(message());
}

interface CommittedPoint {
  /** Chained hash of the log up to and including this index. */
  readonly hash: number;
  /** The term of the node that first saw it committed: an upper bound on the commit term. */
  readonly term: number;
}

/**
 * The omniscient observer of a simulation run. Nodes report what they persist and apply;
 * the checker keeps the global committed prefix and asserts Raft's safety properties:
 * election safety, log matching, leader completeness (nothing committed is ever lost or
 * changed), state machine safety, and that read indexes cover every earlier commit.
 */
export class SafetyChecker {
  private readonly leaders = new Map<number, NodeId>();
  private readonly entryHashes = new Map<string, number>();
  private readonly committed: CommittedPoint[] = [];
  committedMax = 1;
  electionCount = 0;

  constructor() {
    this.committed[1] = { hash: BOOTSTRAP_HASH, term: 0 };
  }

  committedHash(index: number): number | undefined {
    return this.committed[index]?.hash;
  }

  /** Log matching: two logs holding (index, term) hold identical prefixes up to it. */
  recordEntry(node: NodeId, index: number, term: number, prefixHash: number): void {
    const key = `${index}/${term}`;
    const known = this.entryHashes.get(key);
    if (known === undefined) this.entryHashes.set(key, prefixHash);
    else check(known === prefixHash, () => `log matching: node ${node} holds a different log up to index ${index} term ${term}`);
  }

  /** A node persisted commit index `commit`; its log prefix must agree with every other commit. */
  observeCommit(node: NodeId, commit: number, term: number, hashes: readonly number[]): void {
    if (commit === 0) return; // A node that has not joined yet commits nothing.
    const hash = hashes[commit];
    check(hash !== undefined, () => `node ${node} committed ${commit} beyond its persisted log`);
    if (commit <= this.committedMax) {
      check(this.committed[commit]?.hash === hash, () => `committed entry changed: node ${node} disagrees at ${commit}`);
      return;
    }
    const known = this.committed[this.committedMax];
    check(known !== undefined && hashes[this.committedMax] === known.hash, () => `committed entry lost: node ${node} commits ${commit} without the committed prefix to ${this.committedMax}`);
    for (let index = this.committedMax + 1; index <= commit; index += 1) {
      const prefix = hashes[index];
      check(prefix !== undefined, () => `node ${node} has a hole at ${index}`);
      this.committed[index] = { hash: prefix, term };
    }
    this.committedMax = commit;
  }

  /** Election safety and leader completeness for a node that just became leader. */
  observeLeader(node: NodeId, term: number, hashes: readonly number[], hashBase: number): void {
    const previous = this.leaders.get(term);
    check(previous === undefined || previous === node, () => `two leaders in term ${term}: ${previous} and ${node}`);
    this.leaders.set(term, node);
    this.electionCount += 1;
    let index = this.committedMax;
    while (index > 1 && (this.committed[index]?.term ?? 0) >= term) index -= 1;
    if (index <= hashBase) return;
    check(hashes[index] === this.committed[index]?.hash, () => `leader completeness: node ${node} leads term ${term} without committed entry ${index}`);
  }

  /** State machine safety: an application that applied through `index` matches the log. */
  checkApplied(node: NodeId, index: number, hash: number): void {
    const expected = this.committed[index];
    check(expected !== undefined, () => `node ${node} applied ${index}, which is not known committed`);
    check(expected.hash === hash, () => `node ${node} applied a different sequence through ${index}`);
  }

  /** A read index must cover everything committed before the read was requested. */
  checkRead(node: NodeId, readIndex: number, committedAtRequest: number, appliedIndex: number): void {
    check(readIndex >= committedAtRequest, () => `stale read on node ${node}: read index ${readIndex} < ${committedAtRequest} committed before the request`);
    check(appliedIndex >= readIndex, () => `read released on node ${node} before applying ${readIndex} (applied ${appliedIndex})`);
  }
}
