import { renameSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../src/seed/build-database.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

describe('/health when the store goes away under a running server', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('turns to 503 when the database file is deleted', async () => {
    t = await buildTestApp();
    expect((await t.app.inject('/health')).statusCode).toBe(200);
    rmSync(t.path);
    const res = await t.app.inject('/health');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringMatching(/store/) });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('turns to 503 when the file is replaced by another one (the process still serves the old snapshot)', async () => {
    t = await buildTestApp();
    await t.app.inject('/health');
    const other = join(dirname(t.path), 'other.sqlite');
    buildDatabase(other);
    renameSync(other, t.path);
    expect((await t.app.inject('/health')).statusCode).toBe(503);
  });

  it('turns to 503 when the handle is closed', async () => {
    t = await buildTestApp();
    t.store.sqlite.close();
    expect((await t.app.inject('/health')).statusCode).toBe(503);
  });
});
