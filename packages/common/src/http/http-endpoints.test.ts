import { Counter } from 'prom-client';
import { createMetricsRegistry, startHttpEndpoints } from './http-endpoints';

describe('HTTP endpoints', () => {
  it('serves metrics, liveness and readiness', async () => {
    const registry = createMetricsRegistry({ node: '7' });
    new Counter({ name: 'samsa_test_total', help: 'a test counter', registers: [registry] }).inc(3);
    let ready = false;
    const endpoints = await startHttpEndpoints({
      host: '127.0.0.1',
      port: 0,
      registry,
      health: () => ({ ok: true }),
      ready: () => ({ ok: ready, detail: { reason: ready ? 'caught up' : 'catching up' } }),
    });
    try {
      const base = `http://127.0.0.1:${endpoints.address.port}`;
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('samsa_test_total{node="7"} 3');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ ok: false, reason: 'catching up' });
      ready = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await endpoints.close();
    }
  });
});
