import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ResponseCache } from '../../src/http/plugins/response-cache.js';
import { openStore } from '../../src/db/open.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';
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
    // A page asked for in another language sets a cookie: an answer for one client only.
    const chosen = await t.app.inject({ url: '/?lang=nl', headers: { accept: 'text/html' } });
    expect(chosen.headers['set-cookie']).toBeDefined();
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
    // With none asked for again, the oldest goes first: the newest URL is still there, the oldest not.
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

/** Headers that are the connection's or the moment's own, not the representation's. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !OWN_HEADERS.has(name)).sort(([a], [b]) => a.localeCompare(b)));

describe('a cached answer is the answer the whole pipeline gives', () => {
  let cached: TestApp;
  let uncached: TestApp;
  beforeAll(async () => {
    [cached, uncached] = await Promise.all([buildTestApp(), buildTestApp({ env: { RESPONSE_CACHE: 'false' } })]);
  });
  afterAll(() => Promise.all([cached.close(), uncached.close()]));

  const urls = [
    '/v1/tables/asylum',
    '/v1/figures?table=family&year=2016',
    '/v1/tables/asylum?format=csv',
    '/v1/catalog',
    '/v1/download/figures.csv',
    '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT',
  ];
  const variants: { name: string; method?: 'GET' | 'HEAD'; headers?: Record<string, string> }[] = [
    { name: 'plain GET' },
    { name: 'HEAD', method: 'HEAD' },
    { name: 'brotli', headers: { 'accept-encoding': 'br' } },
    { name: 'gzip', headers: { 'accept-encoding': 'gzip, deflate' } },
    { name: 'cross-origin', headers: { origin: 'https://example.org' } },
    { name: 'Turtle by Accept', headers: { accept: 'text/turtle' } },
  ];

  for (const url of urls) {
    it(`${url}: same status, headers and bytes, for every variant and revalidation`, async () => {
      for (const variant of variants) {
        const request = { url, method: variant.method ?? 'GET', headers: variant.headers ?? {} };
        const expected = await uncached.app.inject(request);
        // The first GET fills the cache; the request measured is a hit.
        await cached.app.inject({ ...request, method: 'GET' });
        const hits = cached.app.responseCache.hits;
        const actual = await cached.app.inject(request);
        const what = `${variant.name} ${url}`;
        // Only a 200 is kept; anything else (a 406 for a type the resource lacks) is answered anew.
        expect(cached.app.responseCache.hits, what).toBe(expected.statusCode === 200 ? hits + 1 : hits);
        expect(actual.statusCode, what).toBe(expected.statusCode);
        expect(comparable(actual.headers), what).toEqual(comparable(expected.headers));
        expect(actual.rawPayload.equals(expected.rawPayload), what).toBe(true);
        if (expected.statusCode !== 200) continue;

        const conditions = [
          { 'if-none-match': String(expected.headers.etag) },
          { 'if-none-match': `"other", ${String(expected.headers.etag)}` },
          { 'if-none-match': '"other"' },
          { 'if-modified-since': String(expected.headers['last-modified']) },
          { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
        ];
        for (const condition of conditions) {
          const revalidated = { ...request, headers: { ...request.headers, ...condition } };
          const whole = await uncached.app.inject(revalidated);
          const hit = await cached.app.inject(revalidated);
          const also = `${what} ${JSON.stringify(condition)}`;
          expect(hit.statusCode, also).toBe(whole.statusCode);
          expect(comparable(hit.headers), also).toEqual(comparable(whole.headers));
          expect(hit.rawPayload.equals(whole.rawPayload), also).toBe(true);
        }
      }
    });
  }

  it('answers a 304 with no Content-Length, which could only be the length of the 200 (RFC 9110 §8.6)', async () => {
    for (const app of [cached.app, uncached.app]) {
      const first = await app.inject('/v1/deltas');
      const res = await app.inject({ url: '/v1/deltas', headers: { 'if-none-match': String(first.headers.etag) } });
      expect(res.statusCode).toBe(304);
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers.etag).toBe(first.headers.etag);
      expect(res.headers['last-modified']).toBe(first.headers['last-modified']);
    }
  });

  it('keeps the answer to a HEAD for the GET that follows, byte for byte', async () => {
    const url = '/v1/tables/family?format=json-stat';
    const headers = { 'accept-encoding': 'br' };
    const head = await cached.app.inject({ method: 'HEAD', url, headers });
    expect(head.rawPayload.length).toBe(0);
    const hits = cached.app.responseCache.hits;
    const get = await cached.app.inject({ url, headers });
    expect(cached.app.responseCache.hits).toBe(hits + 1);
    const whole = await uncached.app.inject({ url, headers });
    expect(get.statusCode).toBe(200);
    expect(comparable(get.headers)).toEqual(comparable(whole.headers));
    expect(get.rawPayload.equals(whole.rawPayload)).toBe(true);
    expect(head.headers['content-length']).toBe(String(whole.rawPayload.length));
  });

  it('goes the long way for a Range request, whose bytes are cut from the cached body', async () => {
    const url = '/v1/download/figures.csv';
    const whole = await cached.app.inject(url);
    await cached.app.inject(url);
    const hits = cached.app.responseCache.hits;
    const res = await cached.app.inject({ url, headers: { range: 'bytes=0-99' } });
    expect(cached.app.responseCache.hits).toBe(hits + 1);
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-99/${whole.rawPayload.length}`);
    expect(res.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
  });
});

/**
 * The real app on a fresh store, built but not yet ready, so that a test can add a hook of its own
 * (it runs after the app's instance hooks and before the cache lookup, which is a route hook).
 */
async function appWithHook(add: (app: FastifyInstance) => void): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ind-hook-'));
  const path = join(dir, 'ind.sqlite');
  buildDatabase(path, seedFiles());
  const store = openStore(path);
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_PATH: path }), { store });
  add(app);
  return {
    app,
    close: async () => {
      await app.close();
      store.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('a cached answer and the headers request hooks set', () => {
  it('sends a header a request hook set in place of the stored one, and no header twice', async () => {
    const { app, close } = await appWithHook((app) =>
      app.addHook('onRequest', (request, reply, done) => {
        if (request.headers['x-frame'] !== undefined) reply.header('x-frame-options', 'DENY');
        done();
      }),
    );
    // Over a real connection: a header written twice would show in the raw headers.
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const get = (headers: Record<string, string>) =>
      new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/v1/tables', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
        }).on('error', reject).end();
      });
    const named = (res: IncomingMessage, name: string) => res.rawHeaders.filter((_, i) => i % 2 === 1 && res.rawHeaders[i - 1]!.toLowerCase() === name);
    try {
      const first = await get({});
      expect(named(first.res, 'x-frame-options')).toEqual(['SAMEORIGIN']);
      const hits = app.responseCache.hits;
      const again = await get({ 'x-frame': '1' });
      expect(app.responseCache.hits).toBe(hits + 1);
      expect(named(again.res, 'x-frame-options')).toEqual(['DENY']);
      const names = again.res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
      expect(again.body.equals(first.body)).toBe(true);
      expect(named(again.res, 'etag')).toEqual(named(first.res, 'etag'));
      expect(named(again.res, 'content-length')).toEqual(named(first.res, 'content-length'));
    } finally {
      await close();
    }
  });
});

describe('a cached answer while the app closes', () => {
  it('ends its connection (Connection: close), like every answer given while draining', async () => {
    // A request with x-park waits in this hook (before the cache lookup) until the app has begun to close.
    let release!: () => void;
    let parked!: Promise<void>;
    let closing!: Promise<void>;
    const { app, close } = await appWithHook((app) => {
      parked = new Promise<void>((resolve) => {
        app.addHook('onRequest', (request, _reply, done) => {
          if (request.headers['x-park'] === undefined) return done();
          release = done;
          resolve();
        });
      });
      closing = new Promise<void>((resolve) => {
        app.addHook('preClose', (done) => {
          resolve();
          done();
        });
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const get = (headers: Record<string, string>) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/v1/tables', headers }, resolve).on('error', reject).end();
      });
    try {
      const first = await get({});
      first.resume();
      expect(first.statusCode).toBe(200);
      const hits = app.responseCache.hits;
      const answer = get({ 'x-park': '1' });
      await parked;
      const closed = close();
      await closing;
      release();
      const res = await answer;
      res.resume();
      expect(res.statusCode).toBe(200);
      expect(res.headers.connection).toBe('close');
      expect(app.responseCache.hits).toBe(hits + 1);
      await closed;
    } finally {
      if (!app.draining) await close();
    }
  });
});

describe('ResponseCache eviction', () => {
  const body = Buffer.alloc(100);
  const held = (cache: ResponseCache, keys: string[]) => keys.filter((key) => cache.has(key));

  it('gives an entry asked for since the last sweep a second chance, and sweeps the oldest one not asked for', () => {
    const cache = new ResponseCache({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, body, {});
    expect(cache.get('a')).toBeDefined();
    cache.set('d', body, {});
    expect(held(cache, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    // The sweep cleared `a`'s mark: not asked for again, it is the next to go after `c`.
    cache.set('e', body, {});
    cache.set('f', body, {});
    expect(held(cache, ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual(['d', 'e', 'f']);
  });

  it('never sweeps out the entry it is storing, even when every other one was asked for', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1_000_000 });
    cache.set('a', body, {});
    cache.set('b', body, {});
    cache.get('a');
    cache.get('b');
    cache.set('c', body, {});
    expect(held(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('keeps its byte count equal to what it holds, within the byte budget', () => {
    // Each entry counts its body, its key twice and 256 bytes of bookkeeping: 358 bytes here.
    // Four fit in 1500 bytes; storing `a` again replaces it, and `e` needs the oldest to go.
    const cache = new ResponseCache({ maxEntries: 100, maxBytes: 1500 });
    for (const key of ['a', 'b', 'c', 'a', 'd', 'e']) {
      cache.set(key, body, {});
      expect(cache.bytes).toBe(cache.size * 358);
      expect(cache.bytes).toBeLessThanOrEqual(1500);
    }
    expect(held(cache, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'c', 'd', 'e']);
  });
});
