import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { representationHeaders } from '../helpers/representation.js';

describe('Accept-Encoding', () => {
  const t = useTestApp();

  for (const refusal of ['identity;q=0, *;q=0', '*;q=0', 'identity;q=0']) {
    it(`answers 406 problem+json when nothing is acceptable: ${refusal}`, async () => {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await t().app.inject({ method, url: '/v1/figures', headers: { 'accept-encoding': refusal } });
        expect(res.statusCode).toBe(406);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.headers['access-control-allow-origin']).toBe('*');
        if (method === 'GET') expect(res.json()).toMatchObject({ status: 406, detail: expect.stringContaining('identity') });
      }
    });
  }

  it('sends the body as it is when only the compressed codings are refused', async () => {
    const res = await t().app.inject({ url: '/v1/figures', headers: { 'accept-encoding': 'gzip;q=0, br;q=0' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toHaveProperty('data');
  });

  it('compresses when identity is refused but a coding we have is acceptable', async () => {
    const res = await t().app.inject({ url: '/v1/figures', headers: { 'accept-encoding': 'identity;q=0, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it("answers a browser's Accept-Encoding (gzip, deflate, br) with brotli, the very answer to br alone, HEAD like GET", async () => {
    for (const [url, accept] of [['/v1/figures', '*/*'], ['/v1/catalog', 'text/turtle'], ['/tables/asylum', 'text/html'], ['/sdmx/2.1/data/asylum', '*/*']] as const) {
      const headers = { accept, 'accept-encoding': 'gzip, deflate, br' };
      // HEAD first, while nothing is kept for this representation.
      const head = await t().request({ method: 'HEAD', url, headers });
      const get = await t().request({ url, headers });
      const br = await t().request({ url, headers: { accept, 'accept-encoding': 'br' } });
      expect(get.statusCode, url).toBe(200);
      expect(get.headers['content-encoding'], url).toBe('br');
      expect(get.rawPayload.equals(br.rawPayload), url).toBe(true);
      expect(representationHeaders(get.headers), url).toEqual(representationHeaders(br.headers));
      expect(head.statusCode, url).toBe(200);
      expect(representationHeaders(head.headers), url).toEqual(representationHeaders(get.headers));
      expect(head.rawPayload.length, url).toBe(0);
    }
  });
});
