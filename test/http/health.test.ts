import { renameSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/seed/build-database.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('/health when the store goes away under a running server', () => {
  let t: TestApp;
  afterEach(() => t.close());

  /** Two healthy answers, the second from the response cache on the fast path, which asks the store check each time. */
  async function healthyTwice() {
    expect((await t.request('/health')).statusCode).toBe(200);
    const hits = t.app.responseCache.hits;
    const res = await t.request('/health');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ok"}');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(t.app.responseCache.hits).toBe(hits + 1);
  }

  it('turns to 503 when the database file is deleted', async () => {
    t = await buildTestApp({ env: { HEALTH_CHECK_INTERVAL_MS: '0' } });
    await healthyTwice();
    rmSync(t.path);
    const res = await t.request('/health');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringMatching(/store/) });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('turns to 503 when the file is replaced by another one (the process still serves the old snapshot)', async () => {
    t = await buildTestApp({ env: { HEALTH_CHECK_INTERVAL_MS: '0' } });
    await healthyTwice();
    const other = join(dirname(t.path), 'other.sqlite');
    buildDatabase(other);
    renameSync(other, t.path);
    expect((await t.request('/health')).statusCode).toBe(503);
  });

  it('keeps its verdict for HEALTH_CHECK_INTERVAL_MS instead of checking the store on every request', async () => {
    t = await buildTestApp({ env: { HEALTH_CHECK_INTERVAL_MS: '3600000' } });
    await healthyTwice();
    rmSync(t.path);
    // Within the interval the healthy verdict stands: a flood of health requests costs one check.
    expect((await t.request('/health')).statusCode).toBe(200);
  });

  it('turns to 503 when the handle is closed', async () => {
    t = await buildTestApp({ env: { HEALTH_CHECK_INTERVAL_MS: '0' } });
    await healthyTwice();
    t.store.sqlite.close();
    expect((await t.request('/health')).statusCode).toBe(503);
  });
});
