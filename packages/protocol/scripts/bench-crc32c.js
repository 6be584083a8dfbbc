#!/usr/bin/env node
'use strict';
// GB/s of the native crc32c addon vs @node-rs/crc32 for 1 KiB, 16 KiB and 1 MiB buffers.
// Usage: node scripts/bench-crc32c.js   (build the addon first: npm run build:native)
const path = require('node:path');
const { crc32c: nodeRs } = require('@node-rs/crc32');

const addonPath = path.join(__dirname, '..', 'native', 'build', 'Release', 'samsa_crc32c.node');
let addon;
try {
  addon = require(addonPath);
} catch (e) {
  console.error(`addon not loaded (${e.code || e.message}); run npm run build:native`);
}

const impls = [];
if (addon) impls.push([`addon (${addon.hardware ? 'sse4.2' : 'portable'})`, addon.crc32c]);
if (addon && addon.hardware) impls.push(['addon portable path', addon.crc32cPortable]);
impls.push(['@node-rs/crc32', nodeRs]);

function gbps(fn, buf) {
  const target = 256 * 1024 * 1024; // bytes per timed run
  const iters = Math.max(1, Math.floor(target / buf.length));
  let sink = 0;
  for (let i = 0; i < Math.min(iters, 2000); i++) sink ^= fn(buf); // warm-up
  let best = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iters; i++) sink ^= fn(buf);
    const ns = Number(process.hrtime.bigint() - t0);
    best = Math.max(best, (iters * buf.length) / ns);
  }
  if (sink === 0.5) console.log(sink);
  return best; // bytes per ns == GB/s
}

const sizes = [['1 KiB', 1024], ['16 KiB', 16 * 1024], ['1 MiB', 1024 * 1024]];
const rows = [];
for (const [label, size] of sizes) {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (i * 2654435761) >>> 24;
  const row = { size: label };
  for (const [name, fn] of impls) row[`${name} GB/s`] = gbps(fn, buf).toFixed(2);
  rows.push(row);
}
console.table(rows);
