import { execFileSync } from 'node:child_process';

/**
 * Network partitions on one machine, with nothing but loopback: the fault run lives in a
 * network namespace of its own (`unshare -n`), every node runs as a user id of its own, and
 * nftables in that namespace drops what an isolated node sends (matched by its user id) and
 * what anyone sends to its listening ports. The rest of the machine never sees a rule.
 */
export class NetworkFaults {
  private static readonly TABLE = 'samsa_faults';
  private readonly isolated = new Set<number>();

  private constructor() {}

  /** Sets up the table, or says why partitions cannot be made here. */
  static open(): NetworkFaults | string {
    if (process.getuid?.() !== 0) return 'not root';
    try {
      nft(['add', 'table', 'inet', NetworkFaults.TABLE]);
      nft(['add', 'chain', 'inet', NetworkFaults.TABLE, 'out', '{ type filter hook output priority 0; }']);
      nft(['flush', 'chain', 'inet', NetworkFaults.TABLE, 'out']);
      return new NetworkFaults();
    } catch (error) {
      return `nftables unavailable (${(error as Error).message.split('\n')[0]})`;
    }
  }

  /** Cuts one node off from everyone: what it sends, and what is sent to its ports. */
  isolate(nodeId: number, uid: number, ports: readonly number[]): void {
    const chain = ['inet', NetworkFaults.TABLE, 'out'];
    nft(['add', 'rule', ...chain, 'meta', 'skuid', String(uid), 'counter', 'drop', 'comment', `"node ${nodeId}"`]);
    if (ports.length > 0) nft(['add', 'rule', ...chain, 'tcp', 'dport', `{ ${ports.join(', ')} }`, 'counter', 'drop', 'comment', `"node ${nodeId}"`]);
    this.isolated.add(nodeId);
  }

  get isolatedNodes(): ReadonlySet<number> {
    return this.isolated;
  }

  heal(): void {
    nft(['flush', 'chain', 'inet', NetworkFaults.TABLE, 'out']);
    this.isolated.clear();
  }

  close(): void {
    try {
      nft(['delete', 'table', 'inet', NetworkFaults.TABLE]);
    } catch {
      // the namespace goes away with the run anyway
    }
  }
}

function nft(args: readonly string[]): void {
  execFileSync('nft', [args.join(' ')], { stdio: ['ignore', 'ignore', 'pipe'] });
}
