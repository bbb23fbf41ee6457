import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../helpers/app.js';

const committed = readFileSync(join(import.meta.dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8');

describe('OpenAPI document', () => {
  const t = useTestApp();

  it('is served byte for byte as committed in openapi/openapi.json (run `npm run openapi` after changing a route)', async () => {
    const res = await request(t().app.server).get('/openapi.json').expect(200);
    expect(res.text).toBe(committed);
  });

  it('is OpenAPI 3.1 and describes every contract endpoint with components for the data', () => {
    const doc = JSON.parse(committed);
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/health', '/v1', '/v1/tables', '/v1/tables/{table}', '/v1/tables/{table}/breakdown', '/v1/figures', '/v1/deltas', '/v1/nationalities', '/v1/checks']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    for (const name of ['Observation', 'Delta', 'Problem', 'Table', 'Check', 'Ranking']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    // Errors are documented as what they are: problem+json, for every code the server may send.
    type Response = { $ref?: string; content?: Record<string, { schema: { $ref: string } }>; headers?: Record<string, unknown> };
    const resolve = (r: Response | undefined): Response | undefined =>
      r?.$ref ? doc.components.responses[r.$ref.replace('#/components/responses/', '')] : r;
    for (const [path, item] of Object.entries(doc.paths) as [string, { get: { operationId: string; responses: Record<string, Response> } }][]) {
      for (const code of ['400', '405', '414', '429', '500', '503']) {
        expect(resolve(item.get.responses[code])?.content?.['application/problem+json']?.schema.$ref, `${path} ${code}`).toBe('#/components/schemas/Problem');
      }
      expect(item.get.responses['304'], path).toBeDefined();
      expect(resolve(item.get.responses['429'])?.headers?.['Retry-After'], path).toBeDefined();
      expect(item.get.responses['200']?.headers?.['X-RateLimit-Limit'], path).toBeDefined();
      expect(item.get.operationId, path).toMatch(/^[a-z][A-Za-z0-9]+$/);
    }
    expect(resolve(doc.paths['/v1/figures'].get.responses['404'])?.content?.['application/problem+json']?.schema.$ref).toBe('#/components/schemas/Problem');
    expect(doc.security).toEqual([]);
  });

  it('draws its examples and its description from the data', async () => {
    const doc = JSON.parse(committed);
    const figures = (await request(t().app.server).get('/v1/figures').expect(200)).body.data as { table: string; metric: string; procedure: string; year: number }[];
    const example = doc.components.schemas.Observation.example;
    expect(figures).toContainEqual(example);
    const years = figures.map((f) => f.year);
    expect(doc.info.description).toContain(String(Math.min(...years)));
    expect(doc.info.description).toContain(String(Math.max(...years)));
    const tables = (await request(t().app.server).get('/v1/tables').expect(200)).body.data as { id: string }[];
    expect(doc.info.description).toContain(`${tables.length} tables`);
    expect(doc.components.schemas.Problem.example.errors[0].allowed).toEqual(tables.map((x) => x.id));
  });

  it('declares the rate-limit headers the server sends, and Retry-After on 429', async () => {
    const limited = await buildTestApp({ env: { RATE_LIMIT_MAX: '3' } });
    try {
      const server = limited.app.server;
      const declared = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'access-control-allow-origin'];
      const ok = await request(server).get('/v1/tables').expect(200);
      const missing = await request(server).get('/v1/tables/no-such-table').expect(404);
      const malformed = await request(server).get('/v1/figures?limit=x').expect(400);
      for (const res of [ok, missing, malformed]) {
        for (const name of declared) expect(res.headers[name], `${res.status} ${name}`).toBeDefined();
      }
      const refused = await request(server).get('/v1/tables').expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    } finally {
      await limited.close();
    }
  });

  it('serves the interactive reference at /docs', async () => {
    const res = await request(t().app.server).get('/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
