import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';

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
    for (const [path, item] of Object.entries(doc.paths) as [string, { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }][]) {
      for (const code of ['400', '405', '414', '429', '503']) {
        expect(item.get.responses[code]?.content?.['application/problem+json']?.schema.$ref, `${path} ${code}`).toBe('#/components/schemas/Problem');
      }
      expect(item.get.responses['304'], path).toBeDefined();
    }
    expect(doc.paths['/v1/figures'].get.responses['404'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
  });

  it('serves the interactive reference at /docs', async () => {
    const res = await request(t().app.server).get('/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
