import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('rate limiting', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers 429 with Retry-After and problem+json once a client spends its budget, answers from the cache on the fast path included', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' } });
    for (let i = 0; i < 3; i++) {
      const ok = await t.request('/v1/tables');
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const res = await t.request('/v1/tables');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(body.detail).toMatch(/More than 3 requests in 60 s/);
    // Guesses at unknown paths spend the same budget.
    expect((await t.request('/v1/nope')).statusCode).toBe(429);
    // Another client address has its own budget.
    const other = await t.request({ url: '/v1/tables', remoteAddress: '10.0.0.9' });
    expect(other.statusCode).toBe(200);
  });

  it('by default limits remote clients and leaves local callers alone', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: undefined } });
    expect(t.app.config.RATE_LIMIT_MAX).toBe(1200);
    expect(JSON.parse((await t.request('/v1')).body).limits.rateLimit).toEqual({ requests: 1200, windowSeconds: 60, appliesTo: 'each remote client address' });
    for (let i = 0; i < 1250; i++) {
      const local = await t.request({ url: '/v1', remoteAddress: i % 2 ? '127.0.0.1' : '::1' });
      expect(local.statusCode).toBe(200);
    }
    const statuses = new Set<number>();
    for (let i = 0; i < 1201; i++) statuses.add((await t.request({ url: '/v1', remoteAddress: '203.0.113.7' })).statusCode);
    expect([...statuses].sort()).toEqual([200, 429]);
  });

  it('counts the client a trusted proxy forwards, on the fast path as in the app', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: '3', TRUST_PROXY: 'true' } });
    const from = (client: string) => t.request({ url: '/v1/tables', headers: { 'x-forwarded-for': client } });
    // The first answer comes from the app, the next two from the response cache.
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.5')).headers['x-ratelimit-remaining']).toBe(String(2 - i));
    expect((await from('203.0.113.5')).statusCode).toBe(429);
    const other = await from('198.51.100.7');
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('counts a forwarded remote client under the default budget, though the proxy itself is local', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: undefined, TRUST_PROXY: 'true' } });
    for (let i = 0; i < 2; i++) {
      const res = await t.request({ url: '/v1', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(res.headers['x-ratelimit-remaining']).toBe(String(1199 - i));
    }
    expect((await t.request('/v1')).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('is off when RATE_LIMIT_MAX is 0', async () => {
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: '0' } });
    for (let i = 0; i < 30; i++) expect((await t.request('/v1')).statusCode).toBe(200);
    expect((await t.request('/v1')).headers['x-ratelimit-limit']).toBeUndefined();
  });
});

describe('load shedding', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('answers 503 with Retry-After and problem+json, /health included, while the event loop lags', async () => {
    t = await buildTestApp({ env: { MAX_EVENT_LOOP_DELAY_MS: '1' } });
    // Both kept in the response cache first: the fast path leaves them to the app, which sheds them.
    for (const url of ['/v1/tables', '/health', '/v1/tables', '/health']) expect((await t.request(url)).statusCode).toBe(200);
    // Stall the event loop in slices until the plugin's next sample sees the lag (bounded: 10 s).
    const until = Date.now() + 10_000;
    while (!t.app.isUnderPressure() && Date.now() < until) {
      const end = Date.now() + 150;
      while (Date.now() < end);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(t.app.isUnderPressure()).toBe(true);
    for (const url of ['/v1/tables', '/health']) {
      const res = await t.request(url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
  });
});
