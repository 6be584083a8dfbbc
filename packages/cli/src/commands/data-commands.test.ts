import { run } from '../main';

// produce, consume and bench through `run`: bad flags are one line and exit 2, before any
// connection is made (connectBroker would throw).

async function samsa(argv: string[], env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const code = await run(argv, { stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text), env }, {
    connectBroker: () => {
      throw new Error('no connection expected');
    },
  });
  return { code, ...out };
}

test.each([
  [['consume', 't', '--group', 'g', '--partition', '1'], 'samsa: consume --group: the group assigns the partitions and its committed offsets say where to start; leave out --partition and --offset\n'],
  [['consume', 't', '--offset', '5'], 'samsa: consume --offset needs --partition\n'],
  [['consume', 't', '--max-messages', '0'], 'samsa: invalid --max-messages: expected an integer in [1, 9007199254740991], got "0"\n'],
  [['produce', 't', '--acks', 'most'], 'samsa: invalid --acks: expected all, 1 or 0, got "most"\n'],
  [['produce', 't', '-b', 'nohost'], 'samsa: invalid --bootstrap: "nohost": expected HOST:PORT with a port from 0 to 65535, got "nohost"\n'],
  [['produce'], 'samsa: produce needs TOPIC (see samsa produce --help)\n'],
  [['bench', 'produce', '--acks', '0'], 'samsa: invalid --acks: expected all or 1 (acks=0 has no acknowledgement to measure), got "0"\n'],
])('samsa %j: exit 2 and one line', async (argv, stderr) => {
  const result = await samsa(argv);
  expect(result.stderr).toBe(stderr);
  expect(result.code).toBe(2);
});

test('SAMSA_BOOTSTRAP is checked when -b is absent', async () => {
  const result = await samsa(['consume', 't'], { SAMSA_BOOTSTRAP: 'bad' });
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^samsa: invalid SAMSA_BOOTSTRAP: .*"bad".*\n$/);
});

test('help lists produce, consume and bench', async () => {
  const result = await run(['--help'], { stdout: (text) => void (help += text), stderr: () => undefined, env: {} });
  expect(result).toBe(0);
  expect(help).toMatch(/produce TOPIC/);
  expect(help).toMatch(/consume TOPIC/);
  expect(help).toMatch(/bench e2e/);
});
let help = '';
