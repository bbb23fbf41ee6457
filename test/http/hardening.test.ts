import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const isProblem = (res: { headers: Record<string, unknown>; body: string }, status: number) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body);
  expect(body.status).toBe(status);
  expect(typeof body.detail).toBe('string');
  return body;
};

/** Sends raw bytes to the listening server and returns what comes back before it closes. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', () => resolve(data));
    socket.on('error', (err) => (data ? resolve(data) : reject(err)));
  });
}

describe('HTTP hardening', () => {
  let t: TestApp;
  let port: number;
  const logLines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    t = await buildTestApp({ logStream: stream, env: { LOG_LEVEL: 'info', MAX_URL_LENGTH: '1024', MAX_HEADER_SIZE: '8192' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('sends security headers, with a policy that allows only this origin, and lets others read the data', async () => {
    const res = await t.app.inject('/v1/tables');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('keeps the interactive reference at /docs working under its own policy', async () => {
    const page = await t.app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The page may only use its own files: no inline script (the JSON-LD block is data, never
    // executed), every script and stylesheet same-origin and served.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/ld\+json")[^>]*>/);
    expect(page.body).toContain('<script type="application/ld+json">');
    const assets = [...page.body.matchAll(/(?:src|href)="(\.\/static\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const res = await t.app.inject(`/docs/${asset.slice(2)}`);
      expect(res.statusCode, asset).toBe(200);
    }
  });

  it('compresses with brotli or gzip as negotiated, leaving tiny bodies alone', async () => {
    const plain = await t.app.inject('/v1/figures');
    const br = await t.app.inject({ url: '/v1/figures', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    const gz = await t.app.inject({ url: '/v1/figures', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const none = await t.app.inject({ url: '/v1/figures', headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    const tiny = await t.app.inject({ url: '/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.body)).toEqual({ status: 'ok' });
  });

  it('answers HEAD like GET without a body', async () => {
    const get = await t.app.inject('/v1/tables/asylum');
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/tables/asylum' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(get.rawPayload.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('answers OPTIONS with the allowed methods, preflight or not', async () => {
    const plain = await t.app.inject({ method: 'OPTIONS', url: '/v1/tables' });
    expect(plain.statusCode).toBe(204);
    expect(plain.headers.allow).toBe('GET, HEAD, OPTIONS');
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/figures?table=asylum',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('GET');
  });

  it('answers other methods on known paths with 405 and Allow, and 404 elsewhere', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'TRACE'] as const) {
      for (const url of ['/v1/tables', '/v1/tables/asylum', '/v1/tables/asylum/breakdown/', '/v1/figures?table=asylum', '/health']) {
        const res = await t.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'TRACE' ? undefined : '{"x":1}' });
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
        isProblem(res, 405);
      }
    }
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    isProblem(unknown, 404);
  });

  it('refuses a request target beyond the URL limit with 414 problem+json', async () => {
    const res = await t.app.inject(`/v1/figures?table=${'a'.repeat(2000)}`);
    expect(res.statusCode).toBe(414);
    isProblem(res, 414);
    const path = await t.app.inject(`/v1/tables/${'x'.repeat(1100)}`);
    expect(path.statusCode).toBe(414);
  });

  it('refuses oversized headers with 431 and malformed requests with 400, both problem+json', async () => {
    const big = await raw(port, `GET /v1/tables HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(10_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(big).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4)).status).toBe(431);
    const bad = await raw(port, 'GET /v1/tables HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bad.slice(bad.indexOf('\r\n\r\n') + 4)).status).toBe(400);
  });

  it('bounds the time a request may take to arrive and a connection may idle', () => {
    expect(t.app.server.requestTimeout).toBe(10_000);
    expect(t.app.server.keepAliveTimeout).toBe(72_000);
    expect(t.app.server.timeout).toBe(60_000);
    // Node reads the header limit from the server options; the typings do not list it.
    expect((t.app.server as unknown as { maxHeaderSize: number }).maxHeaderSize).toBe(8192);
  });

  it('keeps a well-formed X-Request-Id, replaces anything else, and logs one line per request with it', async () => {
    // Through the server's listener: the first request of each URL reaches the app, the others
    // are answered from the response cache on the fast path, which must do the same.
    const kept = await t.request({ url: '/v1', headers: { 'x-request-id': 'dashboard-42.a' } });
    expect(kept.headers['x-request-id']).toBe('dashboard-42.a');
    for (const given of ['has spaces', 'x'.repeat(200), '<script>', '']) {
      const res = await t.request({ url: '/v1', headers: { 'x-request-id': given } });
      expect(res.headers['x-request-id']).not.toBe(given);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const url = '/v1/tables/asylum?format=csv';
    const hits = t.app.responseCache.hits;
    const fresh = await t.request(url);
    const cached = await t.request(url);
    expect(t.app.responseCache.hits).toBe(hits + 1);
    const [line, cachedLine] = [fresh, cached].map((res) => {
      const lines = logLines.filter((l) => l.reqId === String(res.headers['x-request-id']));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: 'request completed', method: 'GET', url, statusCode: 200, level: 30 });
      expect(typeof lines[0]!.responseTime).toBe('number');
      return lines[0]!;
    });
    expect(Object.keys(cachedLine!)).toEqual(Object.keys(line!));
    expect(logLines.filter((l) => l.reqId === 'dashboard-42.a')).toHaveLength(1);
  });

  it('carries the request id on a real connection too', async () => {
    const id = await new Promise<string | undefined>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/health', headers: { 'x-request-id': 'probe-1' } }, (res) => {
        res.resume();
        resolve(res.headers['x-request-id'] as string | undefined);
      });
      req.on('error', reject);
      req.end();
    });
    expect(id).toBe('probe-1');
  });
});
