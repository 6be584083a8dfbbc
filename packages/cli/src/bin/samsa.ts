#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../main';

function version(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// Output to a closed pipe (`samsa topic list | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/**
 * Ctrl-C and SIGTERM go to the running command's handler when it has one (consume, produce
 * and bench stop cleanly and report); a second signal, or one with no handler, exits.
 */
const interruptHandlers = new Set<() => void>();
let interrupted = false;
function onSignal(signal: NodeJS.Signals): void {
  if (interrupted || interruptHandlers.size === 0) process.exit(signal === 'SIGINT' ? 130 : 143);
  interrupted = true;
  for (const handler of interruptHandlers) handler();
}
function onInterrupt(handler: () => void): () => void {
  if (interruptHandlers.size === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  interruptHandlers.add(handler);
  return () => {
    interruptHandlers.delete(handler);
    if (interruptHandlers.size === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
}

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  env: process.env,
  // A getter: process.stdin is made on first use, and only `produce` needs it.
  get stdin() {
    return process.stdin;
  },
  stdoutStream: process.stdout,
  stderrIsTty: process.stderr.isTTY === true,
  onInterrupt,
};

void run(process.argv.slice(2), io, { version: version() }).then((code) => {
  process.exitCode = code;
  // Exit even if a handle lingers (a gRPC channel closing, a timer); the unref'd timer
  // does not itself keep the process alive when everything has closed.
  setTimeout(() => process.exit(code), 1_000).unref();
});
