import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches } from '../../src/http/plugins/conditional-requests.js';
import { useTestApp } from '../helpers/app.js';

describe('If-None-Match', () => {
  it('matches a list, `*` and weak tags, and nothing else', () => {
    expect(ifNoneMatchMatches('"a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('"x", "a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('W/"a"', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('*', '"a"')).toBe(true);
    expect(ifNoneMatchMatches('"x", "y"', '"a"')).toBe(false);
    expect(ifNoneMatchMatches('"a-gzip"', '"a"')).toBe(false);
  });
});

describe('conditional requests through the app', () => {
  const t = useTestApp();
  const get = (url: string, headers: Record<string, string> = {}) => t().app.inject({ url, headers });

  it.each([0, 1])('answers 304 to a list of tags or to *, cached or not (round %i)', async () => {
    const url = '/v1/figures?table=asylum';
    const { etag } = (await get(url)).headers;
    for (const condition of [`"stale", ${etag}`, '*', `W/${etag}`]) {
      const res = await get(url, { 'if-none-match': condition });
      expect(res.statusCode, condition).toBe(304);
      expect(res.body).toBe('');
      expect(res.headers.etag).toBe(etag);
    }
    expect((await get(url, { 'if-none-match': '"stale", "older"' })).statusCode).toBe(200);
  });

  it('gives each content-coding its own strong ETag, and revalidates it', async () => {
    const url = '/v1/tables/documents';
    for (let round = 0; round < 2; round++) {
      const plain = await get(url);
      const gzip = await get(url, { 'accept-encoding': 'gzip' });
      const br = await get(url, { 'accept-encoding': 'br' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
      expect(new Set([plain.headers.etag, gzip.headers.etag, br.headers.etag]).size).toBe(3);
      for (const res of [plain, gzip, br]) expect(String(res.headers.vary)).toMatch(/Accept-Encoding/i);
      const again = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(gzip.headers.etag) });
      expect(again.statusCode).toBe(304);
      // The identity tag does not validate the gzip bytes.
      expect((await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(plain.headers.etag) })).statusCode).toBe(200);
    }
  });

  it('puts CORS headers on refusals too: 405', async () => {
    const res = await t().app.inject({ method: 'POST', url: '/v1/figures', headers: { origin: 'https://example.org' } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
