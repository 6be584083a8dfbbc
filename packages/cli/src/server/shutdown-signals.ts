const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Resolves with the first SIGTERM or SIGINT. A second one means the person does not want to
 * wait for a clean stop: `onImpatient` runs (it should exit the process).
 */
export function waitForShutdownSignal(onImpatient: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onImpatient(signal);
        return;
      }
      received = true;
      resolve(signal);
    };
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, handler);
  });
}

/** Resolves with `promise`'s outcome, or with `'timeout'` after `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
