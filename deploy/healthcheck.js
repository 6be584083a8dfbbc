#!/usr/bin/env node
'use strict';
// The image's HEALTHCHECK: exit 0 when this node's GET /readyz answers 200, else 1.
// `samsa server` serves /readyz on --http-listen; the port is taken from the same places the
// server takes it (a flag on PID 1's command line, else SAMSA_HTTP_LISTEN, else 9644), so
// the check follows a node moved to another port. A bind address of 0.0.0.0 (or ::) is
// checked on the loopback. A config file's http-listen is not read: set it by env or flag.
const fs = require('node:fs');
const http = require('node:http');

function httpListenFromCommandLine() {
  try {
    const argv = fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0');
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--http-listen') return argv[i + 1];
      if (argv[i].startsWith('--http-listen=')) return argv[i].slice('--http-listen='.length);
    }
  } catch {
    // not Linux, or /proc hidden: fall through to the environment
  }
  return undefined;
}

const listen = httpListenFromCommandLine() || process.env.SAMSA_HTTP_LISTEN || '127.0.0.1:9644';
const colon = listen.lastIndexOf(':');
let host = listen.slice(0, colon).replace(/^\[|\]$/g, '');
const port = Number(listen.slice(colon + 1));
if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
if (host === '::') host = '::1';

const request = http.get({ host, port, path: '/readyz', timeout: 3000 }, (response) => {
  let body = '';
  response.setEncoding('utf8');
  response.on('data', (chunk) => (body += chunk));
  response.on('end', () => {
    if (response.statusCode === 200) process.exit(0);
    process.stdout.write(`not ready: ${response.statusCode} ${body.slice(0, 300)}\n`);
    process.exit(1);
  });
});
request.on('timeout', () => request.destroy(new Error('timed out after 3 s')));
request.on('error', (error) => {
  process.stdout.write(`not ready: http://${host}:${port}/readyz: ${error.message}\n`);
  process.exit(1);
});
