import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { brokerService, controllerService, PROTO_OPTIONS } from './proto-services';

// src/generated/ is committed; these tests keep it equal to what proto/ and the loader's
// options generate. After editing a .proto: `npm run gen:proto -w @samsa/protocol`.

interface Generator {
  generate(outDir: string): void;
  readonly LOADER_FLAGS: readonly string[];
  readonly DEFAULT_OUT_DIR: string;
}
const generator = require('../../scripts/gen-proto.js') as Generator;

function filesUnder(root: string, directory = root): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(root, path.join(directory, entry.name)) : [path.relative(root, path.join(directory, entry.name))]))
    .sort();
}

describe('generated wire types', () => {
  test('src/generated is what `npm run gen:proto` makes of proto/ today', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-generated-'));
    try {
      generator.generate(fresh);
      const committed = generator.DEFAULT_OUT_DIR;
      const expected = filesUnder(fresh);
      const actual = filesUnder(committed);
      const stale = [
        ...expected.filter((file) => !actual.includes(file)).map((file) => `missing ${file}`),
        ...actual.filter((file) => !expected.includes(file)).map((file) => `extra ${file}`),
        ...expected.filter((file) => actual.includes(file) && fs.readFileSync(path.join(fresh, file), 'utf8') !== fs.readFileSync(path.join(committed, file), 'utf8')).map((file) => `changed ${file}`),
      ];
      // Not empty: run `npm run gen:proto -w @samsa/protocol` and commit src/generated/.
      expect(stale).toEqual([]);
      expect(expected.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  test("the generator's flags are the loader's options", () => {
    const options = PROTO_OPTIONS as Record<string, unknown>;
    // A new loader option needs its flag in scripts/gen-proto.js (and here).
    expect(Object.keys(options).sort()).toEqual(['defaults', 'enums', 'keepCase', 'longs', 'oneofs']);
    const typeFlag = (name: string, value: unknown) => (value === undefined ? [] : [`--${name}=${(value as { name: string }).name}`]);
    const booleanFlag = (name: string) => (options[name] === true ? [`--${name}`] : []);
    const expected = [...booleanFlag('keepCase'), ...typeFlag('longs', options['longs']), ...typeFlag('enums', options['enums']), ...booleanFlag('defaults'), ...booleanFlag('oneofs')];
    expect([...generator.LOADER_FLAGS]).toEqual(expected);
  });

  test('a decoded message has the __Output shape: int64 as number, every field present, unset messages null', () => {
    const produce = brokerService().service.Produce;
    const decoded = produce.responseDeserialize(
      produce.responseSerialize({ topics: [{ name: 't', partitions: [{ partition: 2, baseOffset: '9007199254740991', logStartOffset: 7 }] }] }),
    );
    expect(decoded).toEqual({
      topics: [{ name: 't', partitions: [{ partition: 2, errorCode: 0, errorMessage: '', baseOffset: Number.MAX_SAFE_INTEGER, logAppendTimeMs: 0, logStartOffset: 7, currentLeader: null }] }],
    });
    expect(typeof decoded.topics[0]?.partitions[0]?.baseOffset).toBe('number');

    const fetch = brokerService().service.Fetch;
    const fetched = fetch.responseDeserialize(fetch.responseSerialize({ topics: [{ name: 't', partitions: [{ records: Buffer.from('abc') }] }] }));
    expect(Buffer.isBuffer(fetched.topics[0]?.partitions[0]?.records)).toBe(true);

    const describe = controllerService().service.DescribeCluster;
    expect(describe.responseDeserialize(describe.responseSerialize({ clusterId: 'c', metadataOffset: 5 }))).toEqual({ error: null, clusterId: 'c', controllers: [], brokers: [], metadataOffset: 5 });
  });
});
