#!/usr/bin/env node
'use strict';
// The `samsa` command as npm links it. This file is source, not build output: `npm ci`
// links bins before anything is built, and a bin pointing into dist/ would get no link on a
// fresh clone. It loads the compiled command, or says how to build it.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'bin', 'samsa.js');
if (!fs.existsSync(compiled)) {
  const root = path.resolve(__dirname, '..', '..', '..');
  process.stderr.write(`samsa: not built yet; run "npm run build" in ${root} (npm start builds too)\n`);
  process.exit(1);
}
require(compiled);
