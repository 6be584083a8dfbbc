import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@samsa/common';
import { ManualClock } from '../time/manual-clock';
import { LogManager } from './log-manager';

describe('LogManager periodic work', () => {
  let dataDirectory: string;
  beforeEach(() => {
    dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'samsa-log-manager-'));
  });
  afterEach(() => {
    fs.rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('checkpoints on the clock and leaves nothing scheduled after close', () => {
    const clock = new ManualClock();
    const logs = new LogManager({ dataDirectory, logger: silentLogger, checkpointIntervalMs: 10_000, clock });
    const key = { topic: 'orders', topicId: 'T1', partition: 0 };
    logs.open(key, {});
    const hook = jest.fn();
    logs.attachCheckpointHook(key, hook);
    logs.start();
    expect(clock.pendingCount).toBe(3); // flush, retention, checkpoint
    clock.advance(9_999);
    expect(hook).not.toHaveBeenCalled();
    clock.advance(1);
    expect(hook).toHaveBeenCalledTimes(1);
    clock.advance(10_000);
    expect(hook).toHaveBeenCalledTimes(2);
    logs.close();
    expect(hook).toHaveBeenCalledTimes(3); // once more before the log closes
    expect(clock.pendingCount).toBe(0);
  });
});
