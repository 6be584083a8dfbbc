#!/usr/bin/env node
'use strict';
// Builds native/build/Release/samsa_crc32c.node with node-gyp (the copy that npm ships).
// Never fails an install: if node-gyp is missing or the build fails, it prints one
// warning and exits 0; src/crc32c.ts then falls back to @node-rs/crc32.
// Skips the build when the addon is newer than its sources; pass --force to rebuild.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const nativeDir = path.resolve(__dirname, '..', 'native');
const output = path.join(nativeDir, 'build', 'Release', 'samsa_crc32c.node');

function warn(reason) {
  console.warn(`[samsa] warning: native crc32c addon not built (${reason}); using @node-rs/crc32`);
  process.exit(0);
}

function findNodeGyp() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {}
  const candidates = [];
  // npm's own install, located from the running npm (npm_execpath) or next to node.
  if (process.env.npm_execpath) {
    candidates.push(path.resolve(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const nodeBin = path.dirname(process.execPath);
  candidates.push(path.resolve(nodeBin, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.resolve(nodeBin, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    const npmBin = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['npm'], { encoding: 'utf8' }).stdout.split(/\r?\n/)[0];
    if (npmBin) {
      const real = fs.realpathSync(npmBin);
      candidates.push(path.resolve(path.dirname(real), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
      candidates.push(path.resolve(path.dirname(npmBin), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    }
  } catch {}
  return candidates.find((c) => fs.existsSync(c));
}

// Up to date? (Node-API is ABI-stable across Node versions, so sources are all that matter.)
const sources = ['crc32c.c', 'binding.gyp'].map((f) => path.join(nativeDir, f));
if (!process.argv.includes('--force') && fs.existsSync(output)) {
  const built = fs.statSync(output).mtimeMs;
  if (sources.every((s) => fs.statSync(s).mtimeMs <= built)) process.exit(0);
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) warn('node-gyp not found');

const args = [nodeGyp, 'rebuild', '--release'];
// Prefer the headers installed with this node (e.g. /usr/include/node) so no download is needed.
const installPrefix = path.resolve(path.dirname(process.execPath), '..');
if (fs.existsSync(path.join(installPrefix, 'include', 'node', 'common.gypi'))) {
  args.push(`--nodedir=${installPrefix}`);
}

const result = spawnSync(process.execPath, args, { cwd: nativeDir, encoding: 'utf8' });
if (result.error) warn(`node-gyp could not start: ${result.error.message}`);
if (result.status !== 0 || !fs.existsSync(output)) {
  const tail = `${result.stderr || ''}`.trim().split(/\r?\n/).filter((l) => /error/i.test(l)).pop();
  warn(`node-gyp exited with ${result.status}${tail ? `: ${tail.trim()}` : ''}`);
}
console.log(`[samsa] built ${path.relative(process.cwd(), output) || output}`);
