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

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  env: process.env,
};

void run(process.argv.slice(2), io, { version: version() }).then((code) => {
  process.exitCode = code;
  // Exit even if a handle lingers (a gRPC channel closing, a timer); the unref'd timer
  // does not itself keep the process alive when everything has closed.
  setTimeout(() => process.exit(code), 1_000).unref();
});
