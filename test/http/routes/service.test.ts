import { unlinkSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../../helpers/app.js';

describe('service routes and HTTP behaviour', () => {
  const t = useTestApp();

  it('reports health', async () => {
    const res = await request(t().app.server).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('opens the front door with links, source, licence and limits', async () => {
    const res = await request(t().app.server).get('/v1').expect(200);
    expect(res.body.links.figures.href).toBe('/v1/figures');
    expect(res.body.license.id).toBe('CC0-1.0');
    expect(res.body.source.report).toBe('ind-2016');
    expect(res.body.languages).toEqual(['nl', 'en']);
    expect(res.body.limits).toMatchObject({ pageSizeDefault: 1000, pageSizeMax: 10000, maxUrlLength: 4096, maxHeaderBytes: 16384 });
    // The test app runs without a rate limit; the front door says so rather than promise one.
    expect(res.body.limits.rateLimit).toBeNull();
  });

  it.each(['/v1/tables', '/v1/tables/asylum', '/v1/figures?year=2016', '/v1/deltas', '/v1/checks', '/v1/nationalities', '/v1/figures?format=csv'])(
    '%s carries a strong ETag, Cache-Control and CORS, and revalidates with 304',
    async (url) => {
      const res = await request(t().app.server).get(url).expect(200);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
      expect(res.headers['access-control-expose-headers']).toMatch(/Link/);
      const again = await request(t().app.server).get(url).set('If-None-Match', res.headers.etag!).expect(304);
      expect(again.text ?? '').toBe('');
      const other = await request(t().app.server).get(url).set('If-None-Match', '"something-else"');
      expect(other.status).toBe(200);
    },
  );

  it('answers a CORS preflight for GET', async () => {
    const res = await request(t().app.server)
      .options('/v1/figures')
      .set('Origin', 'https://dashboard.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-methods']).toMatch(/GET/);
  });

  it('never writes to the store it serves', () => {
    expect(t().store.sqlite.readonly).toBe(true);
    expect(() => t().store.sqlite.prepare('delete from observations').run()).toThrow();
  });
});

describe('health when the store is gone', () => {
  it('answers 503 once the database cannot be read', async () => {
    const t = await buildTestApp({ env: { HEALTH_CHECK_INTERVAL_MS: '0' } });
    try {
      await request(t.app.server).get('/health').expect(200);
      t.store.sqlite.close();
      unlinkSync(t.path);
      const res = await request(t.app.server).get('/health').expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503 });
    } finally {
      await t.app.close();
    }
  });
});
