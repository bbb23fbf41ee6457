/**
 * What `npm run bench` measures: one row per request. Add a request here to measure it; one the
 * server does not answer with the expected status is skipped with a note.
 */
export interface Endpoint {
  name: string;
  /** Path and query, as sent. */
  url: string;
  headers?: Record<string, string>;
  /** Send back the ETag of a first answer in If-None-Match: every answer is then a 304. */
  revalidate?: boolean;
  /**
   * Held to the targets (≥ 0.9 × the empty Fastify route, ≥ 0.6 × bare node:http, p99 ≤ 5 ms).
   * False for an answer streamed from a file rather than kept in memory.
   */
  cached?: boolean;
}

// Data answers are asked for as curl and autocannon ask (no Accept-Encoding), so the identity
// bytes are measured and replayed. The large documents (pages, catalog, OpenAPI, 120–350 KB) are
// asked for as browsers and HTTP libraries ask for them, with Accept-Encoding, and so come
// compressed (12–20 KB): uncompressed, their time is the time to copy the bytes, which the two
// baselines take just as long for.
const compressed = { 'accept-encoding': 'gzip, deflate, br' };
const html = { accept: 'text/html', ...compressed };

export const ENDPOINTS: Endpoint[] = [
  { name: 'health', url: '/health' },
  { name: 'service index', url: '/v1' },
  { name: 'table list', url: '/v1/tables' },
  { name: 'table (JSON)', url: '/v1/tables/asylum' },
  { name: 'table (CSV)', url: '/v1/tables/asylum?format=csv' },
  { name: 'figures (wide CSV)', url: '/v1/figures?format=csv&layout=wide' },
  { name: 'table (JSON-stat)', url: '/v1/tables/asylum?format=json-stat' },
  { name: 'figures, filtered', url: '/v1/figures?table=family&year=2016' },
  { name: 'deltas', url: '/v1/deltas' },
  { name: 'checks', url: '/v1/checks' },
  { name: 'nationalities', url: '/v1/nationalities' },
  { name: '304 revalidation', url: '/v1/tables/asylum', revalidate: true },
  { name: 'catalog (JSON-LD)', url: '/v1/catalog', headers: compressed },
  { name: 'catalog (Turtle)', url: '/v1/catalog', headers: { accept: 'text/turtle', ...compressed } },
  { name: 'download figures.csv', url: '/v1/download/figures.csv' },
  { name: 'download ind.sqlite', url: '/v1/download/ind.sqlite', cached: false },
  { name: 'home page', url: '/', headers: html },
  { name: 'table page', url: '/tables/asylum', headers: html },
  { name: 'openapi.json', url: '/openapi.json', headers: compressed },
  { name: 'series', url: '/v1/series?table=asylum' },
  { name: 'releases', url: '/v1/releases' },
  { name: 'releases (Atom)', url: '/v1/releases.atom' },
  { name: 'SDMX 2.1 generic data', url: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT' },
  { name: 'SDMX 2.1 SDMX-JSON', url: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?format=jsondata' },
  { name: 'SDMX 2.1 SDMX-CSV', url: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?format=csvdata' },
  { name: 'SDMX 2.1 structure', url: '/sdmx/2.1/dataflow/IND/all/latest?references=descendants' },
  { name: 'SDMX 3 SDMX-JSON', url: '/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0?c[PROCEDURE]=TEV,VVR' },
];
