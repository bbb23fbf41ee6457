import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_REPORT, buildTestApp, type TestApp } from '../helpers/app.js';

describe('response cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers a repeated request from the cache with the same bytes and representation headers', async () => {
    const url = '/v1/figures?table=family&year=2016';
    const first = await t.app.inject(url);
    const hitsBefore = t.app.responseCache.hits;
    const second = await t.app.inject(url);
    expect(t.app.responseCache.hits).toBe(hitsBefore + 1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    for (const h of ['content-type', 'etag', 'link', 'cache-control', 'vary']) expect(second.headers[h], h).toBe(first.headers[h]);
  });

  it('keeps per-request headers fresh on cached answers: CORS, security headers, request id', async () => {
    await t.app.inject('/v1/tables/asylum');
    const a = await t.app.inject({ url: '/v1/tables/asylum', headers: { origin: 'https://example.org' } });
    const b = await t.app.inject({ url: '/v1/tables/asylum', headers: { origin: 'https://example.org' } });
    for (const res of [a, b]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toMatch(/^"/);
    }
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('revalidates cached answers with 304 and no body', async () => {
    const first = await t.app.inject('/v1/deltas');
    await t.app.inject('/v1/deltas');
    const res = await t.app.inject({ url: '/v1/deltas', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe(first.headers.etag);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const stale = await t.app.inject({ url: '/v1/deltas', headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('keeps representations apart: JSON, CSV by Accept, compressed, HEAD', async () => {
    const json = await t.app.inject('/v1/tables/family');
    const csv = await t.app.inject({ url: '/v1/tables/family', headers: { accept: 'text/csv' } });
    const csvAgain = await t.app.inject({ url: '/v1/tables/family', headers: { accept: 'text/csv' } });
    const jsonAgain = await t.app.inject('/v1/tables/family');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvAgain.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvAgain.headers['content-disposition']).toBe('attachment; filename="ind-family.csv"');
    expect(csvAgain.body).toBe(csv.body);
    expect(jsonAgain.headers['content-type']).toMatch(/^application\/json/);
    expect(jsonAgain.body).toBe(json.body);
    const br1 = await t.app.inject({ url: '/v1/tables/family', headers: { 'accept-encoding': 'br' } });
    const br2 = await t.app.inject({ url: '/v1/tables/family', headers: { 'accept-encoding': 'br' } });
    expect(br2.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br2.rawPayload).toString()).toBe(json.body);
    expect(br2.rawPayload.equals(br1.rawPayload)).toBe(true);
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/tables/family' });
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(json.rawPayload.length));
    const getAfterHead = await t.app.inject('/v1/tables/family');
    expect(getAfterHead.body).toBe(json.body);
  });

  it('keeps pages in different languages apart: the route\'s Vary names Accept-Language and Cookie', async () => {
    const html = 'text/html';
    const page = (headers: Record<string, string>) => t.app.inject({ url: '/tables/family', headers: { accept: html, ...headers } });
    for (let round = 0; round < 2; round++) {
      const nl = await page({ 'accept-language': 'nl' });
      const en = await page({ 'accept-language': 'en' });
      const cookie = await page({ 'accept-language': 'en', cookie: 'lang=nl' });
      expect(nl.headers['content-language'], `round ${round}`).toBe('nl');
      expect(en.headers['content-language'], `round ${round}`).toBe('en');
      expect(cookie.headers['content-language'], `round ${round}`).toBe('nl');
      expect(nl.body).toContain('lang="nl"');
      expect(en.body).toContain('lang="en"');
    }
  });

  it('never keeps errors or uncacheable answers', async () => {
    const size = t.app.responseCache.size;
    await t.app.inject('/v1/tables/nope');
    await t.app.inject('/v1/figures?year=abc');
    await t.app.inject('/health');
    await t.app.inject('/health');
    expect(t.app.responseCache.size).toBe(size);
  });
});

describe('response cache bounds', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The byte budget is sized to the 2016 report's answers: five pages fit, the whole list does not.
    t = await buildTestApp({ files: BASE_REPORT(), env: { RESPONSE_CACHE_MAX_ENTRIES: '5', RESPONSE_CACHE_MAX_BYTES: '60000' } });
  });
  afterAll(() => t.close());

  it('stays within its entry and byte limits however many distinct URLs arrive', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await t.app.inject(`/v1/figures?table=asylum&limit=${i + 1}`);
      expect(res.statusCode).toBe(200);
      expect(t.app.responseCache.size).toBeLessThanOrEqual(5);
      expect(t.app.responseCache.bytes).toBeLessThanOrEqual(60000);
    }
    expect(t.app.responseCache.size).toBe(5);
    // Least recently used goes first: the newest URL is still there, the oldest not.
    const hits = t.app.responseCache.hits;
    await t.app.inject('/v1/figures?table=asylum&limit=40');
    expect(t.app.responseCache.hits).toBe(hits + 1);
    await t.app.inject('/v1/figures?table=asylum&limit=1');
    expect(t.app.responseCache.hits).toBe(hits + 1);
  });

  it('does not keep a body larger than a quarter of its byte budget', async () => {
    const size = t.app.responseCache.size;
    const bytes = t.app.responseCache.bytes;
    await t.app.inject('/v1/figures');
    expect(t.app.responseCache.bytes).toBe(bytes);
    expect(t.app.responseCache.size).toBe(size);
  });
});

describe('response cache turned off', () => {
  it('answers every request through the handler when RESPONSE_CACHE=false', async () => {
    const t = await buildTestApp({ env: { RESPONSE_CACHE: 'false' } });
    try {
      const a = await t.app.inject('/v1/tables');
      const b = await t.app.inject('/v1/tables');
      expect(b.body).toBe(a.body);
      expect(t.app.responseCache.size).toBe(0);
      expect(t.app.responseCache.hits).toBe(0);
    } finally {
      await t.close();
    }
  });
});
