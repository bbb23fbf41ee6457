import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import dispatch from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastPath } from '../../src/http/fast-path.js';
import { ResponseCache } from '../../src/http/response-cache.js';
import { CompletedLines } from '../../src/http/request-log.js';
import { BASE_REPORT, buildTestApp, throughFastPath, type TestApp } from '../helpers/app.js';

describe('response cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers a repeated request from the cache with the same bytes and representation headers', async () => {
    const url = '/v1/figures?table=family&year=2016';
    const first = await t.request(url);
    const hitsBefore = t.app.responseCache.hits;
    const second = await t.request(url);
    expect(t.app.responseCache.hits).toBe(hitsBefore + 1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    for (const h of ['content-type', 'etag', 'link', 'cache-control', 'vary']) expect(second.headers[h], h).toBe(first.headers[h]);
  });

  it('keeps per-request headers fresh on cached answers: CORS, security headers, request id', async () => {
    await t.request('/v1/tables/asylum');
    const a = await t.request({ url: '/v1/tables/asylum', headers: { origin: 'https://example.org' } });
    const b = await t.request({ url: '/v1/tables/asylum', headers: { origin: 'https://example.org' } });
    for (const res of [a, b]) {
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toMatch(/^"/);
    }
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('revalidates cached answers with 304 and no body', async () => {
    const first = await t.request('/v1/deltas');
    await t.request('/v1/deltas');
    const res = await t.request({ url: '/v1/deltas', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe('');
    expect(res.headers.etag).toBe(first.headers.etag);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const stale = await t.request({ url: '/v1/deltas', headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('keeps representations apart: JSON, CSV by Accept, compressed, HEAD', async () => {
    const json = await t.request('/v1/tables/family');
    const csv = await t.request({ url: '/v1/tables/family', headers: { accept: 'text/csv' } });
    const csvAgain = await t.request({ url: '/v1/tables/family', headers: { accept: 'text/csv' } });
    const jsonAgain = await t.request('/v1/tables/family');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvAgain.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvAgain.headers['content-disposition']).toBe('attachment; filename="ind-family.csv"');
    expect(csvAgain.body).toBe(csv.body);
    expect(jsonAgain.headers['content-type']).toMatch(/^application\/json/);
    expect(jsonAgain.body).toBe(json.body);
    const br1 = await t.request({ url: '/v1/tables/family', headers: { 'accept-encoding': 'br' } });
    const br2 = await t.request({ url: '/v1/tables/family', headers: { 'accept-encoding': 'br' } });
    expect(br2.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br2.rawPayload).toString()).toBe(json.body);
    expect(br2.rawPayload.equals(br1.rawPayload)).toBe(true);
    const head = await t.request({ method: 'HEAD', url: '/v1/tables/family' });
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(json.rawPayload.length));
    const getAfterHead = await t.request('/v1/tables/family');
    expect(getAfterHead.body).toBe(json.body);
  });

  it('keeps pages in different languages apart: the route\'s Vary names Accept-Language and Cookie', async () => {
    const html = 'text/html';
    const page = (headers: Record<string, string>) => t.request({ url: '/tables/family', headers: { accept: html, ...headers } });
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
    await t.request('/v1/tables/nope');
    await t.request('/v1/figures?year=abc');
    // A page asked for in another language sets a cookie: an answer for one client only.
    const chosen = await t.request({ url: '/?lang=nl', headers: { accept: 'text/html' } });
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
      const res = await t.request(`/v1/figures?table=asylum&limit=${i + 1}`);
      expect(res.statusCode).toBe(200);
      expect(t.app.responseCache.size).toBeLessThanOrEqual(5);
      expect(t.app.responseCache.bytes).toBeLessThanOrEqual(60000);
    }
    expect(t.app.responseCache.size).toBe(5);
    // With none asked for again, the oldest goes first: the newest URL is still there, the oldest not.
    const hits = t.app.responseCache.hits;
    await t.request('/v1/figures?table=asylum&limit=40');
    expect(t.app.responseCache.hits).toBe(hits + 1);
    await t.request('/v1/figures?table=asylum&limit=1');
    expect(t.app.responseCache.hits).toBe(hits + 1);
  });

  it('does not keep a body larger than a quarter of its byte budget', async () => {
    const size = t.app.responseCache.size;
    const bytes = t.app.responseCache.bytes;
    await t.request('/v1/figures');
    expect(t.app.responseCache.bytes).toBe(bytes);
    expect(t.app.responseCache.size).toBe(size);
  });
});

describe('response cache turned off', () => {
  it('answers every request through the handler when RESPONSE_CACHE=false', async () => {
    const t = await buildTestApp({ env: { RESPONSE_CACHE: 'false' } });
    try {
      const a = await t.request('/v1/tables');
      const b = await t.request('/v1/tables');
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
        const expected = await uncached.request(request);
        // The first GET fills the cache; the request measured is a hit.
        await cached.request({ ...request, method: 'GET' });
        const hits = cached.app.responseCache.hits;
        const actual = await cached.request(request);
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
          const whole = await uncached.request(revalidated);
          const hit = await cached.request(revalidated);
          const also = `${what} ${JSON.stringify(condition)}`;
          expect(hit.statusCode, also).toBe(whole.statusCode);
          expect(comparable(hit.headers), also).toEqual(comparable(whole.headers));
          expect(hit.rawPayload.equals(whole.rawPayload), also).toBe(true);
        }
      }
    });
  }

  it('answers a 304 with no Content-Length, which could only be the length of the 200 (RFC 9110 §8.6)', async () => {
    for (const request of [cached.request, uncached.request]) {
      const first = await request('/v1/deltas');
      const res = await request({ url: '/v1/deltas', headers: { 'if-none-match': String(first.headers.etag) } });
      expect(res.statusCode).toBe(304);
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers.etag).toBe(first.headers.etag);
      expect(res.headers['last-modified']).toBe(first.headers['last-modified']);
    }
  });

  it('keeps the answer to a HEAD for the GET that follows, byte for byte', async () => {
    const url = '/v1/tables/family?format=json-stat';
    const headers = { 'accept-encoding': 'br' };
    const head = await cached.request({ method: 'HEAD', url, headers });
    expect(head.rawPayload.length).toBe(0);
    const hits = cached.app.responseCache.hits;
    const get = await cached.request({ url, headers });
    expect(cached.app.responseCache.hits).toBe(hits + 1);
    const whole = await uncached.request({ url, headers });
    expect(get.statusCode).toBe(200);
    expect(comparable(get.headers)).toEqual(comparable(whole.headers));
    expect(get.rawPayload.equals(whole.rawPayload)).toBe(true);
    expect(head.headers['content-length']).toBe(String(whole.rawPayload.length));
  });

  it('goes the long way for a Range request, whose bytes are cut from the kept answer', async () => {
    const url = '/v1/download/figures.csv';
    const whole = await cached.request(url);
    await cached.request(url);
    const hits = cached.app.responseCache.hits;
    const res = await cached.request({ url, headers: { range: 'bytes=0-99' } });
    expect(cached.app.responseCache.hits).toBe(hits + 1);
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-99/${whole.rawPayload.length}`);
    expect(res.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
    // The partial answer is not kept in place of the whole one.
    expect((await cached.request(url)).rawPayload.equals(whole.rawPayload)).toBe(true);
  });
});

describe('a cached answer over a real connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A counted client: loopback is exempt only when RATE_LIMIT_MAX is not set.
    t = await buildTestApp({ env: { RATE_LIMIT_MAX: '100' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
      const { port } = t.app.server.address() as AddressInfo;
      request({ port, host: '127.0.0.1', path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  const names = (res: IncomingMessage) => res.rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());

  it('is written on the fast path with each header once, its own request id, and the rate limiter\'s count', async () => {
    const first = await get('/v1/tables');
    const hits = t.app.responseCache.hits;
    const again = await get('/v1/tables');
    expect(t.app.responseCache.hits).toBe(hits + 1);
    expect(again.res.statusCode).toBe(200);
    expect(again.body.equals(first.body)).toBe(true);
    const sent = names(again.res);
    expect(sent.filter((name, i) => sent.indexOf(name) !== i)).toEqual([]);
    expect([...sent].sort()).toEqual([...names(first.res)].sort());
    expect(again.res.headers['x-request-id']).not.toBe(first.res.headers['x-request-id']);
    expect(again.res.headers['access-control-allow-origin']).toBe('*');
    expect(again.res.headers['x-ratelimit-limit']).toBe('100');
    // Both answers spent the same budget, one request each.
    expect(Number(again.res.headers['x-ratelimit-remaining'])).toBe(Number(first.res.headers['x-ratelimit-remaining']) - 1);
  });

  it('keeps a caller\'s well-formed request id, as the app does', async () => {
    await get('/v1');
    const hits = t.app.responseCache.hits;
    const { res } = await get('/v1', { 'x-request-id': 'trace-42' });
    expect(t.app.responseCache.hits).toBe(hits + 1);
    expect(res.headers['x-request-id']).toBe('trace-42');
  });
});

describe('the fast path while the app closes', () => {
  it('answers nothing: a request that arrives then is the app\'s, which ends the connection', async () => {
    let release!: () => void;
    let closing!: () => void;
    const closingStarted = new Promise<void>((resolve) => (closing = resolve));
    // Held in its last step before the server closes, the app stays in the state it is in while
    // requests in flight finish.
    const t = await buildTestApp({
      beforeReady: (app) =>
        app.addHook('preClose', (done) => {
          release = done;
          closing();
        }),
    });
    const request = throughFastPath(t.app);
    try {
      await request('/v1/tables');
      const hits = t.app.responseCache.hits;
      expect((await request('/v1/tables')).statusCode).toBe(200);
      expect(t.app.responseCache.hits).toBe(hits + 1);
      const closed = t.close();
      await closingStarted;
      const res = await request('/v1/tables');
      expect(t.app.responseCache.hits).toBe(hits + 1);
      expect(res.headers.connection).toBe('close');
      release();
      await closed;
    } finally {
      release?.();
    }
  });
});

describe('ResponseCache eviction', () => {
  const body = Buffer.alloc(100);
  const keep = (cache: ResponseCache, url: string) => cache.keep(url, {}, '', body, {});
  const ask = (cache: ResponseCache, url: string) => cache.find(url, {});
  const held = (cache: ResponseCache, urls: string[]) => urls.filter((url) => cache.holds(url, {}));

  it('gives an entry asked for since the last sweep a second chance, and sweeps the oldest one not asked for', () => {
    const cache = new ResponseCache({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const url of ['a', 'b', 'c']) keep(cache, url);
    expect(ask(cache, 'a')).toBeDefined();
    keep(cache, 'd');
    expect(held(cache, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    // The sweep cleared `a`'s mark: not asked for again, it is the next to go after `c`.
    keep(cache, 'e');
    keep(cache, 'f');
    expect(held(cache, ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual(['d', 'e', 'f']);
  });

  it('never sweeps out the entry it is storing, even when every other one was asked for', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1_000_000 });
    keep(cache, 'a');
    keep(cache, 'b');
    ask(cache, 'a');
    ask(cache, 'b');
    keep(cache, 'c');
    expect(held(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('keeps its byte count equal to what it holds, within the byte budget', () => {
    // Each entry counts its body, its key twice and 256 bytes of bookkeeping. The key of URL `a`
    // with no Accept or Accept-Encoding is `a` and two separators, so each entry counts 362 bytes.
    // Four fit in 1500 bytes; storing `a` again replaces it, and `e` needs the oldest to go.
    const cache = new ResponseCache({ maxEntries: 100, maxBytes: 1500 });
    for (const url of ['a', 'b', 'c', 'a', 'd', 'e']) {
      keep(cache, url);
      expect(cache.bytes).toBe(cache.size * 362);
      expect(cache.bytes).toBeLessThanOrEqual(1500);
    }
    expect(held(cache, ['a', 'b', 'c', 'd', 'e'])).toEqual(['a', 'c', 'd', 'e']);
  });

  it('counts the answers to one URL in other languages as entries of their own, and sweeps them one by one', () => {
    const cache = new ResponseCache({ maxEntries: 2, maxBytes: 1_000_000 });
    const page = (lang: string) => ({ 'accept-language': lang });
    cache.keep('/p', page('nl'), 'Accept-Language', body, {});
    cache.keep('/p', page('en'), 'Accept-Language', body, {});
    expect(cache.size).toBe(2);
    cache.find('/p', page('en'));
    keep(cache, '/q');
    expect(cache.size).toBe(2);
    expect([cache.holds('/p', page('nl')), cache.holds('/p', page('en')), cache.holds('/q', {})]).toEqual([false, true, true]);
    // The last answer of a URL swept out, a request for it is a miss, not a failure.
    keep(cache, '/r');
    keep(cache, '/s');
    expect(cache.find('/p', page('en'))).toBeUndefined();
  });
});

describe('ResponseCache keys', () => {
  const body = Buffer.from('answer');
  const cache = () => new ResponseCache({ maxEntries: 100, maxBytes: 1_000_000 });

  it('finds an answer by URL, Accept, Accept-Encoding and the values of the headers its Vary names', () => {
    const c = cache();
    c.keep('/page', { accept: 'text/html', 'accept-language': 'nl' }, 'Accept-Language, Accept-Encoding', body, { 'content-language': 'nl' });
    c.keep('/data', { accept: '*/*' }, 'Accept, Accept-Encoding', body, { 'content-type': 'application/json' });
    expect(c.find('/page', { accept: 'text/html', 'accept-language': 'nl' })?.headers['content-language']).toBe('nl');
    expect(c.find('/page', { accept: 'text/html', 'accept-language': 'en' })).toBeUndefined();
    expect(c.find('/page', { accept: 'text/html', 'accept-language': 'nl', 'accept-encoding': 'br' })).toBeUndefined();
    // An answer that names no other header serves every value of the headers other answers name.
    expect(c.find('/data', { accept: '*/*', 'accept-language': 'en', cookie: 'x=1' })?.headers['content-type']).toBe('application/json');
    expect(c.find('/data', { accept: 'text/csv' })).toBeUndefined();
  });

  it('keeps the header names in the key: the same values under other names are another request', () => {
    const c = cache();
    c.keep('/a', { cookie: 'en' }, 'Cookie', body, {});
    expect(c.find('/a', { cookie: 'en' })).toBeDefined();
    expect(c.find('/a', { 'accept-language': 'en' })).toBeUndefined();
    c.keep('/b', { 'accept-language': 'en' }, 'Accept-Language', body, {});
    expect(c.find('/b', { cookie: 'en' })).toBeUndefined();
  });

  it('forgets what a URL\'s answers varied on when a new answer names other headers', () => {
    const c = cache();
    c.keep('/a', { 'accept-language': 'nl' }, 'Accept-Language', body, { 'content-language': 'nl' });
    c.keep('/a', { 'accept-language': 'nl', cookie: 'x' }, 'Accept-Language, Cookie', body, {});
    expect(c.size).toBe(1);
    expect(c.find('/a', { 'accept-language': 'nl' })).toBeUndefined();
    expect(c.find('/a', { 'accept-language': 'nl', cookie: 'x' })).toBeDefined();
  });

  it('keeps no answer that varies on everything (Vary: *)', () => {
    const c = cache();
    c.keep('/any', {}, '*', body, {});
    expect(c.size).toBe(0);
    expect(c.find('/any', {})).toBeUndefined();
  });

  it('serves an answer with a condition only while the condition holds', () => {
    const c = cache();
    let holds = true;
    c.keep('/health', {}, '', body, {}, () => holds);
    expect(c.find('/health', {})).toBeDefined();
    holds = false;
    expect(c.find('/health', {})).toBeUndefined();
  });
});

describe('the fast path when something in it fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  /** A fast path over the app's own cache, whose rate-limit count fails as `count` says. */
  const failingFastPath = (count: () => never | Promise<never>) => {
    const fastPath = new FastPath();
    // The app logs nothing here (LOG_LEVEL silent), so the lines' stream is never written to.
    fastPath.open({ cache: t.app.responseCache, log: t.app.log, completedLines: new CompletedLines({ write: () => true }), requestId: () => 'test', forTheApp: () => false, count });
    return fastPath.listener((req, res) => t.app.routing(req, res));
  };

  it('leaves the request to the app, which answers it, whether the failure is thrown or a rejection', async () => {
    await t.request('/v1/tables');
    for (const count of [
      () => {
        throw new Error('the limiter is down');
      },
      () => Promise.reject(new Error('the limiter is down')),
    ]) {
      const hits = t.app.responseCache.hits;
      const res = await dispatch(failingFastPath(count), '/v1/tables');
      expect(t.app.responseCache.hits).toBe(hits + 1);
      expect(res.statusCode).toBe(200);
      // The app's own answer: its request id, not the fast path's.
      expect(res.headers['x-request-id']).not.toBe('test');
      expect(res.json()).toMatchObject({ data: expect.any(Array) });
    }
  });
});
