import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The built binary as a user runs it: bad flags give exit 2 and exactly one line on stderr.
// Needs `npx tsc -b packages/cli` (npm test builds first).

const SAMSA = path.join(__dirname, '..', '..', 'dist', 'bin', 'samsa.js');

function samsa(...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!fs.existsSync(SAMSA)) throw new Error(`${SAMSA} is missing: build it first with "npx tsc -b packages/cli" (npm test does)`);
  // A clean environment: SAMSA_* variables of the person running the tests must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSA_')));
  const result = spawnSync(process.execPath, [SAMSA, ...argv], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('samsa server --node-id abc: exit 2, one line naming the setting', () => {
  expect(samsa('server', '--node-id', 'abc')).toEqual({ code: 2, stdout: '', stderr: 'samsa: invalid --node-id: expected an integer in [0, 2147483647], got "abc"\n' });
});

test('samsa server --roles broker without --controller-quorum: exit 2, one line', () => {
  expect(samsa('server', '--roles', 'broker')).toEqual({ code: 2, stdout: '', stderr: 'samsa: missing --controller-quorum: a broker-only node must be told where the controllers are\n' });
});

test('samsa server with a node outside its quorum: exit 2, one line', () => {
  expect(samsa('server', '--node-id', '4', '--controller-quorum', '1@127.0.0.1:9093,2@127.0.0.1:19093')).toEqual({
    code: 2,
    stdout: '',
    stderr: 'samsa: invalid --controller-quorum: node id 4 is not one of its voters (1, 2); a controller must be a voter\n',
  });
});

test('samsa topic create without a name: exit 2, one line', () => {
  expect(samsa('topic', 'create')).toEqual({ code: 2, stdout: '', stderr: 'samsa: topic create needs NAME (see samsa topic create --help)\n' });
});
