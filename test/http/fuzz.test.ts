import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * Property-based hostile input: every GET path of the served OpenAPI document, every one of its
 * parameters, driven with generated values (valid, boundary, wrong type, huge, repeated,
 * unknown, percent-encoding garbage) under odd methods and headers. The server must answer
 * every one with 2xx, 304 or 4xx, errors as problem+json, and every JSON 200 must match the
 * response schema the document promises.
 */

interface Parameter {
  name: string;
  in: 'query' | 'path';
  schema: { type?: string; enum?: string[]; pattern?: string; minimum?: number; maximum?: number; maxLength?: number };
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface OpenApi {
  paths: Record<string, { get?: Operation }>;
  components: { schemas: Record<string, object> };
}

// Over 11,000 requests a run, with a new seed each run: every parameter meets its boundaries and
// garbage many times over, within the suite's time budget.
const RUNS_PER_PATH = 300;
const METHODS = ['GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE'] as const;
const GARBAGE = ['%', '%zz', '%00', '%ff%fe', '%E2%82', '%C0%AF', '%2C%2C', '%u0041', '+', '&&', '==', '..%2F..%2F', '%25', ';', '\\', '%0D%0Aset-cookie:x=1', '%3Cscript%3E', '[]', '{}', 'null', 'undefined'];
const NUMBERISH = ['', '0', '-1', '1', '1.5', '1e3', '-0', '0x10', 'NaN', 'Infinity', ' 5', '00001', '9999', '10000', '10001', '1000000', '1000001', '99999999999999999999', 'true'];
const UNKNOWN_NAMES = ['foo', '__proto__', 'constructor', 'table[]', 'limit[0]', 'Table', 'format ', 'callback', 'q'];
const ACCEPT = ['application/json', 'text/csv', '*/*', 'text/html', 'application/xml', 'text/csv;q=0', 'garbage;;;', 'application/json;q=0.5, text/csv;q=0.9', 'application/problem+json', 'text/*', ''];
const ENCODING = ['gzip', 'br', 'br;q=0, gzip', 'identity', '*', 'compress', 'deflate', 'gzip;q=abc', ''];

/**
 * The checks made on each of the thousands of answers: plain comparisons, because the assertion
 * library's bookkeeping per call costs more than many of the requests. fast-check reports the
 * request that failed, shrunk, with this message.
 */
function check(ok: boolean, what: string, where: string): void {
  if (!ok) throw new Error(`${what}: ${where}`);
}

describe('hostile input, generated from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApi;
  let ajv: Ajv2020;
  let requests = 0;
  const statuses = new Map<number, number>();
  const sdmx = new Map<number, number>();
  const vocabulary = { table: [] as string[], metric: [] as string[] };
  const etags: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    doc = JSON.parse((await t.app.inject('/openapi.json')).body) as OpenApi;
    ajv = new Ajv2020({ strict: false, allErrors: false });
    addFormats.default(ajv);
    const tables = JSON.parse((await t.app.inject('/v1/tables')).body) as { data: { id: string; metrics: string[] }[] };
    vocabulary.table = tables.data.map((x) => x.id);
    vocabulary.metric = [...new Set(tables.data.flatMap((x) => x.metrics))];
  });
  afterAll(async () => {
    const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz: ${requests} requests over ${Object.keys(doc?.paths ?? {}).length} paths; statuses ${summary}`);
    await t.close();
  });

  /** Values for one parameter: mostly plausible (so the 200 paths are exercised), the rest hostile. */
  function valueFor(parameter: Parameter): fc.Arbitrary<string> {
    const s = parameter.schema;
    const plausible: fc.Arbitrary<string>[] = [];
    if (s.enum) plausible.push(fc.constantFrom(...s.enum));
    if (s.type === 'integer') {
      plausible.push(fc.integer({ min: (s.minimum ?? 0) - 2, max: (s.maximum ?? 100) + 2 }).map(String));
      plausible.push(fc.constantFrom(String(s.minimum ?? 0), String(s.maximum ?? 100), '1', '2', '10'));
    }
    if (s.pattern || parameter.in === 'path') {
      const ids = parameter.name === 'metric' ? vocabulary.metric : vocabulary.table;
      const pool = /year|from|to/.test(parameter.name)
        ? ['2015', '2016', '2014', '1999', '0000']
        : /procedure/.test(parameter.name)
          ? ['total', 'tev', 'vvr', 'TEV', 'other']
          : /unit/.test(parameter.name)
            ? ['count', 'percent', 'eur', 'eur-million', 'fte', 'euro']
            : [...ids, 'asylun', 'no-such-id', 'a--b', '-x'];
      plausible.push(fc.constantFrom(...pool));
      plausible.push(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(',')));
    }
    const hostile = fc.oneof(
      fc.constantFrom(...NUMBERISH),
      fc.constantFrom(...GARBAGE),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map(encodeURIComponent),
      fc.string({ unit: 'binary', maxLength: 20 }).map((x) => encodeURIComponent(x.replace(/[\uD800-\uDFFF]/g, ''))),
      fc.integer({ min: 90, max: 5000 }).map((n) => 'a'.repeat(n)),
      fc.tuple(fc.constantFrom(...GARBAGE), fc.string({ unit: 'grapheme-ascii', maxLength: 10 })).map(([g, x]) => `${encodeURIComponent(x)}${g}`),
    );
    return fc.oneof({ arbitrary: fc.oneof(...plausible, fc.constant('x')), weight: 3 }, { arbitrary: hostile, weight: 2 });
  }

  function requestFor(path: string, operation: Operation): fc.Arbitrary<InjectOptions> {
    const parameters = operation.parameters ?? [];
    const query = parameters.filter((p) => p.in === 'query');
    const pathParams = parameters.filter((p) => p.in === 'path');
    const known = query.map((p) => valueFor(p).map((v) => `${p.name}=${v}`));
    const queryPair = fc.oneof(
      ...(known.length ? [{ arbitrary: fc.oneof(...known), weight: 6 }] : []),
      { arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_NAMES), fc.constantFrom(...NUMBERISH)).map(([n, v]) => `${encodeURIComponent(n)}=${v}`), weight: 1 },
      { arbitrary: fc.constantFrom(...GARBAGE), weight: 1 },
    );
    const pathValues = fc.tuple(...pathParams.map(valueFor));
    return fc.record({
      method: fc.constantFrom(...METHODS),
      // Repeated parameters arise naturally: pairs are drawn independently.
      pairs: query.length > 0 ? fc.array(queryPair, { maxLength: 4 }) : fc.oneof(fc.constant([] as string[]), fc.constant([] as string[]), fc.array(queryPair, { maxLength: 2 })),
      pathValues: pathParams.length > 0 ? pathValues : fc.constant([] as string[]),
      suffix: fc.constantFrom('', '', '', '/', '//', '/extra', '?', '#frag'),
      accept: fc.option(fc.constantFrom(...ACCEPT), { nil: undefined }),
      encoding: fc.option(fc.constantFrom(...ENCODING), { nil: undefined }),
      etag: fc.option(fc.nat(), { nil: undefined }),
      requestId: fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 160 }), { nil: undefined }),
    }).map(({ method, pairs, pathValues: values, suffix, accept, encoding, etag, requestId }) => {
      let url = path;
      // An empty segment would not reach the route; `.` and `..` are dot segments that every URL
      // parser (this one included) resolves away, so the request would name another path.
      const segment = (v: unknown) => (v === '' || v === '.' || v === '..' ? 'x' : String(v));
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, segment(values[i]))));
      url += suffix.startsWith('?') || suffix.startsWith('#') ? '' : suffix;
      if (pairs.length) url += `?${pairs.join('&')}`;
      const headers: Record<string, string> = {};
      if (accept !== undefined) headers.accept = accept;
      if (encoding !== undefined) headers['accept-encoding'] = encoding;
      if (etag !== undefined && etags.length) headers['if-none-match'] = etags[etag % etags.length]!;
      if (requestId !== undefined) headers['x-request-id'] = requestId;
      return { method, url, headers } as InjectOptions;
    });
  }

  function decoded(body: Buffer, encoding: unknown): string {
    if (encoding === 'br') return brotliDecompressSync(body).toString();
    if (encoding === 'gzip') return gunzipSync(body).toString();
    return body.toString();
  }

  it('answers every generated request with 2xx, 304 or 4xx; errors are problem+json; JSON bodies match the schema', async () => {
    const paths = Object.entries(doc.paths).filter(([, item]) => item.get);
    expect(paths.length).toBeGreaterThanOrEqual(9);
    for (const [path, item] of paths) {
      const operation = item.get!;
      const content = operation.responses['200']?.content ?? {};
      expect(Object.keys(content).length, path).toBeGreaterThan(0);
      // Every JSON media type the operation declares is checked against its own schema.
      const checked = new Set<string>();
      const validators = new Map(
        Object.entries(content)
          .filter(([type]) => /json$/.test(type))
          .map(([type, { schema }]) => [type, ajv.compile({ ...schema, components: doc.components })]),
      );

      await fc.assert(
        fc.asyncProperty(requestFor(path, operation), async (options) => {
          const res = await t.request(options);
          requests++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          if (path.startsWith('/sdmx/')) sdmx.set(res.statusCode, (sdmx.get(res.statusCode) ?? 0) + 1);
          const where = `${options.method} ${options.url} ${JSON.stringify(options.headers)}`;
          check([200, 204, 304].includes(res.statusCode) || (res.statusCode >= 400 && res.statusCode < 500), `status ${res.statusCode}`, where);
          // SDMX routes answer a client preferring XML with an SDMX-ML Error message, as SDMX REST says.
          const sdmxXmlError = path.startsWith('/sdmx/') && /^application\/xml/.test(String(res.headers['content-type']));
          if (res.statusCode >= 400 && sdmxXmlError && options.method !== 'HEAD') {
            check(decoded(res.rawPayload, res.headers['content-encoding']).includes('<message:Error'), 'an SDMX-ML error without an Error message', where);
          }
          if (res.statusCode >= 400 && !sdmxXmlError) {
            check(/^application\/problem\+json/.test(String(res.headers['content-type'])), `an error as ${String(res.headers['content-type'])}`, where);
            if (options.method !== 'HEAD') {
              const problem = JSON.parse(decoded(res.rawPayload, res.headers['content-encoding']));
              check(problem.status === res.statusCode, `a problem whose status is ${problem.status}`, where);
              check(typeof problem.detail === 'string', 'a problem without a detail', where);
              check(!/\n\s+at /.test(problem.detail), 'a stack trace in a problem', where);
            }
          }
          if (res.statusCode === 405) check(res.headers.allow === 'GET, HEAD, OPTIONS', `405 with Allow: ${String(res.headers.allow)}`, where);
          if (res.statusCode === 304) check(res.rawPayload.length === 0, 'a 304 with a body', where);
          if (res.statusCode === 200 && options.method === 'GET') {
            if (typeof res.headers.etag === 'string' && etags.length < 50) etags.push(res.headers.etag);
            const type = String(res.headers['content-type']).split(';')[0]!.trim();
            // SDMX media types carry a version parameter in the document.
            check(Object.keys(content).some((k) => k.split(';')[0] === type), `200 as ${type}, which the document does not list`, where);
            const validate = validators.get(type);
            if (validate) {
              // The same bytes of the same type pass or fail the same way: each is checked once.
              const seen = `${type} ${String(res.headers['content-encoding'])} ${createHash('sha1').update(res.rawPayload).digest('base64')}`;
              if (!checked.has(seen)) {
                const body = JSON.parse(decoded(res.rawPayload, res.headers['content-encoding']));
                if (!validate(body)) throw new Error(`${where}: ${ajv.errorsText(validate.errors)}`);
                checked.add(seen);
              }
            } else if (type === 'text/csv') {
              const text = decoded(res.rawPayload, res.headers['content-encoding']);
              check(/^[a-z]/i.test(text.split('\r\n')[0]!), 'a CSV without a header row', where);
            } else {
              check(res.rawPayload.length > 0, 'an empty 200', where);
            }
          }
        }),
        { numRuns: RUNS_PER_PATH },
      );
    }
    expect(requests).toBeGreaterThanOrEqual(paths.length * RUNS_PER_PATH);
    // The generator must reach the answers it is meant to test, not only refusals.
    // Some generated Accept headers offer nothing a route writes (406), and `layout` is refused without its format.
    // SDMX paths take codes in upper case and keys of their own, which random ids rarely hit: their
    // answers are counted apart, and they must reach some 200s too.
    const sdmxRequests = [...sdmx.values()].reduce((a, b) => a + b, 0);
    expect((statuses.get(200) ?? 0) - (sdmx.get(200) ?? 0)).toBeGreaterThan((requests - sdmxRequests) / 10);
    expect(sdmx.get(200) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(404) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(405) ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
