import type { Samsa } from '@samsa/client';
import type { CommandIo } from '../command-line/command';
import { errorLine } from '../command-line/error-line';
import { formatRecordJson, formatRecordPlain } from '../output/record-output';
import type { ConsumeSettings } from './consume';
import { topicPartitionCount } from './topic-metadata';

/** How long one fetch waits on the broker for data: short enough that a stop is prompt. */
const FETCH_MAX_WAIT_MS = 500;

/**
 * `samsa consume TOPIC --group G`: a group member that prints what it is given until
 * --max-messages, --timeout-ms without a new record, or Ctrl-C; then it commits what it
 * printed and leaves the group (close()). Resolves to the exit code.
 */
export async function consumeGroup(samsa: Samsa, io: CommandIo, settings: ConsumeSettings & { readonly group: string }): Promise<number> {
  await topicPartitionCount(samsa, settings.topic); // an unknown topic is one clear line, not a silent wait
  const format = settings.json ? formatRecordJson : formatRecordPlain;
  const consumer = samsa.consumer({
    groupId: settings.group,
    autoOffsetReset: settings.start === 'earliest' ? 'earliest' : 'latest',
    maxWaitMs: Math.min(FETCH_MAX_WAIT_MS, settings.timeoutMs ?? FETCH_MAX_WAIT_MS),
  });
  let printed = 0;
  let lastActivityMs = Date.now();
  let outcome: 'max' | 'timeout' | 'interrupted' | undefined;
  const stop = (reason: NonNullable<typeof outcome>) => {
    outcome ??= reason;
    void consumer.close().catch(() => undefined);
  };
  const removeInterrupt = io.onInterrupt?.(() => stop('interrupted'));
  const timer =
    settings.timeoutMs === undefined
      ? undefined
      : setInterval(() => {
          if (Date.now() - lastActivityMs >= settings.timeoutMs!) stop('timeout');
        }, Math.max(10, Math.min(100, Math.floor(settings.timeoutMs / 4))));
  let failure: unknown;
  try {
    await consumer.subscribe([settings.topic]);
    const iterator = consumer[Symbol.asyncIterator]();
    for (;;) {
      // Asking for the next record is what makes the one before count as taken (committed).
      const next = iterator.next();
      if (outcome !== undefined) {
        await consumer.close();
        break;
      }
      const result = await next;
      if (result.done === true || outcome !== undefined) break; // stopped while waiting: not printed, not taken
      io.stdout(format(result.value));
      printed += 1;
      lastActivityMs = Date.now();
      if (settings.maxMessages !== undefined && printed >= settings.maxMessages) outcome ??= 'max';
      const stream = io.stdoutStream;
      if (stream?.writableNeedDrain === true) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
  } catch (error: unknown) {
    failure = error;
  } finally {
    if (timer !== undefined) clearInterval(timer);
    removeInterrupt?.();
    await consumer.close().catch((error: unknown) => (failure ??= error));
  }
  if (failure !== undefined) {
    io.stderr(`${errorLine(failure)}\n`);
    return 1;
  }
  if (outcome === 'timeout' && settings.maxMessages !== undefined && printed < settings.maxMessages) {
    io.stderr(`samsa: consume: no new record for ${settings.timeoutMs} ms; got ${printed} of --max-messages ${settings.maxMessages}\n`);
    return 1;
  }
  return 0;
}
