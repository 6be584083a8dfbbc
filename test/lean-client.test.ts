import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * An application that imports `@samsa/client` pays for the client and the wire, nothing of
 * the server side: no logger, no metrics, no YAML, no Raft, no storage, no broker or
 * controller. Checked in a fresh process on the built package, resolved by name as an
 * application resolves it (npm test builds before jest runs).
 */

const ROOT = path.resolve(__dirname, '..');
const FORBIDDEN = ['pino', 'prom-client', 'yaml', 'raft-ts', '@samsa/storage', '@samsa/broker', '@samsa/controller', '@samsa/metadata', '@samsa/common'];

test('loading @samsa/client loads nothing of the server side', () => {
  const script = `
    const path = require('node:path');
    const fs = require('node:fs');
    require('@samsa/client');
    // Map every loaded file to the package it belongs to (the nearest package.json's name).
    const names = new Set();
    for (const file of Object.keys(require.cache)) {
      for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, 'package.json');
        if (fs.existsSync(manifest)) { names.add(JSON.parse(fs.readFileSync(manifest, 'utf8')).name); break; }
      }
    }
    process.stdout.write(JSON.stringify([...names]));
  `;
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
  expect(loaded).toContain('@samsa/client');
  expect(loaded.filter((name) => FORBIDDEN.includes(name))).toEqual([]);
});
