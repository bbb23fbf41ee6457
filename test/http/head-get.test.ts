import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES } from '../../src/http/problem.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { representationHeaders } from '../helpers/representation.js';

// Each coding the service sends; how a list of several is negotiated is tested in content-coding.test.ts.
const ENCODINGS = ['identity', 'gzip', 'br'] as const;

interface Parameter {
  in: string;
  name: string;
  schema?: { enum?: string[] };
}

/** Every path of the served OpenAPI document with real ids for its parameters, and each value of an enumerated `format`. */
function urlsOf(document: { paths: Record<string, { get?: { parameters?: Parameter[] } }> }, ids: Record<string, string[] | ((path: string) => string[])>): string[] {
  const urls: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!item.get) continue;
    let concrete = [path];
    for (const name of path.match(/\{(\w+)\}/g) ?? []) {
      const param = item.get.parameters?.find((p) => p.in === 'path' && p.name === name.slice(1, -1));
      // A closed list stands for itself (its first value); other ids come from the data.
      const given = ids[name.slice(1, -1)];
      const values = (typeof given === 'function' ? given(path) : given) ?? param?.schema?.enum?.slice(0, 1);
      if (!values?.length) throw new Error(`no ids for ${name} in ${path}`);
      concrete = concrete.flatMap((url) => values.map((value) => url.replace(name, encodeURIComponent(value))));
    }
    const formats = item.get.parameters?.find((p) => p.in === 'query' && p.name === 'format')?.schema?.enum ?? [];
    for (const url of concrete) urls.push(url, ...formats.map((format) => `${url}?format=${format}`));
  }
  return urls;
}

describe('HEAD answers like GET', () => {
  let t: TestApp;
  let urls: string[];
  beforeAll(async () => {
    t = await buildTestApp();
    const document = (await t.app.inject('/openapi.json')).json();
    const tables = t.app.dataset.tables.map((table) => table.id);
    // The pages and the reference are not in the document; they are answered the same way.
    const releases = t.app.dataset.allReleases.map((r) => r.id);
    // SDMX names a dataflow by its table; `all` selects every artefact, key and provider.
    const v3 = (path: string) => path.startsWith('/sdmx/3/');
    const sdmx = {
      flowRef: tables,
      resourceID: (path: string) => (/\/(schema|data)\//.test(path) ? tables : v3(path) ? ['*'] : ['all']),
      key: (path: string) => (v3(path) ? ['*'] : ['all']),
      providerRef: ['all'],
      itemID: (path: string) => (v3(path) ? ['*'] : ['all']),
      agencyID: (path: string) => (path.startsWith('/sdmx/3/data') ? ['IND'] : v3(path) ? ['*'] : ['all']),
      version: (path: string) => (v3(path) ? ['~'] : ['latest']),
    };
    urls = [...urlsOf(document, { table: tables, slug: Object.keys(PROBLEM_TYPES), release: releases, ...sdmx }), '/', '/?lang=nl', ...tables.map((id) => `/tables/${id}`), '/openapi.json', '/docs'];
  });
  afterAll(() => t.close());

  it('covers every path of the OpenAPI document', () => {
    expect(urls.length).toBeGreaterThan(14);
    expect(urls).toContain('/v1/figures');
    expect(urls).toContain('/v1/catalog');
  });

  for (const encoding of ENCODINGS) {
    it(`gives the same status and headers for Accept-Encoding: ${encoding}, cold and warm`, async () => {
      for (const url of urls) {
        const headers = { 'accept-encoding': encoding };
        // Cold: nothing has been asked for this representation yet, so HEAD goes through the
        // handler; a cacheable answer is then kept, and the GET is answered from the cache on
        // the fast path (test/http/response-cache.test.ts holds cached answers to the handler's).
        const coldHead = await t.request({ method: 'HEAD', url, headers });
        const coldGet = await t.request({ method: 'GET', url, headers });
        // Warm: both from the response cache, on the fast path.
        const warmHead = await t.request({ method: 'HEAD', url, headers });
        const warmGet = await t.request({ method: 'GET', url, headers });
        const label = `${url} (${encoding})`;
        expect(coldGet.statusCode, label).toBeLessThan(400);
        for (const head of [coldHead, warmHead]) {
          expect(head.statusCode, label).toBe(coldGet.statusCode);
          expect(representationHeaders(head.headers), label).toEqual(representationHeaders(coldGet.headers));
          expect(head.rawPayload.length, label).toBe(0);
        }
        expect(representationHeaders(warmGet.headers), label).toEqual(representationHeaders(coldGet.headers));
        expect(Number(coldGet.headers['content-length']), label).toBe(coldGet.rawPayload.length);
      }
    });
  }

  it('compresses a HEAD answer as it compresses the GET answer', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/figures', headers: { 'accept-encoding': 'gzip' } });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(String(head.headers.etag)).toMatch(/-gzip"$/);
  });
});
