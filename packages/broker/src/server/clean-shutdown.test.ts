import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { LogManager } from './log-manager';

/**
 * KIP-966's clean-shutdown detection, the broker's half: a clean close of every log leaves the
 * broker epoch it stopped with in the data directory; the next start reads it (and removes
 * it, so that a crash after that start is not mistaken for a clean stop) and tells the
 * controller at registration. A stop that did not close every log cleanly leaves nothing.
 */
describe('the broker clean-shutdown file', () => {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-clean-shutdown-'));
  });
  afterEach(() => {
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  const key = { topic: 'orders', topicId: 'T1', partition: 0 };
  const manager = () => new LogManager({ dataDirectory, logger: silentLogger });

  it('keeps the broker epoch of a clean close for the next start, and only for that start', () => {
    const first = manager();
    expect(first.takeCleanShutdownEpoch()).toBe(-1);
    first.open(key, {});
    first.close(17);
    const second = manager();
    expect(second.takeCleanShutdownEpoch()).toBe(17);
    // Read once: a crash of this process must not look clean to the one after it.
    expect(manager().takeCleanShutdownEpoch()).toBe(-1);
    second.open(key, {});
    second.close();
    expect(manager().takeCleanShutdownEpoch()).toBe(-1);
  });

  it('writes nothing when a log was taken out of service as failed (its unflushed tail may be gone)', () => {
    const logs = manager();
    logs.open(key, {});
    logs.open({ ...key, partition: 1 }, {});
    logs.closeFailed(key);
    logs.close(17);
    expect(manager().takeCleanShutdownEpoch()).toBe(-1);
  });

  it('writes nothing when a log fails to close', () => {
    const logs = manager();
    const log = logs.open(key, {});
    jest.spyOn(log, 'close').mockImplementation(() => {
      throw Object.assign(new Error('EIO: fsync failed'), { code: 'EIO' });
    });
    logs.close(17);
    expect(manager().takeCleanShutdownEpoch()).toBe(-1);
  });

  it('reads a damaged file as no clean stop', () => {
    const first = manager();
    first.close(17);
    const file = fs.readdirSync(path.join(dataDirectory, 'logs')).find((name) => name.startsWith('.'));
    expect(file).toBeDefined();
    fs.writeFileSync(path.join(dataDirectory, 'logs', file!), 'garbage');
    expect(manager().takeCleanShutdownEpoch()).toBe(-1);
  });
});
