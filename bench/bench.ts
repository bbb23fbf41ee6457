/**
 * `npm run bench`: the built server and a bare node:http server answering the same bytes from
 * memory, loaded one after the other with autocannon (one worker, 50 connections, loopback).
 * Prints requests/s, latency, errors and the ratio to the baseline per request, and the
 * server's RSS before and after. Figures depend on the machine and whatever else runs on it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAndSeed, load, log, rssMiB, startNode, table } from './lib.js';

interface Target {
  name: string;
  path: string;
  /** JSON answers are held to the 0.6-of-baseline target. */
  json: boolean;
  headers?: Record<string, string>;
  /** Send the ETag of a first answer back in If-None-Match: every answer is a 304. */
  revalidate?: boolean;
}

// Add a request here to measure it; a request our server does not answer with 200 is skipped with a note.
const TARGETS: Target[] = [
  { name: 'table (JSON)', path: '/v1/tables/asylum', json: true },
  { name: 'figures, filtered', path: '/v1/figures?table=family&year=2016', json: true },
  { name: 'deltas', path: '/v1/deltas', json: true },
  { name: 'table list', path: '/v1/tables', json: true },
  { name: 'figures (CSV)', path: '/v1/figures?format=csv', json: false },
  { name: 'figures (wide CSV)', path: '/v1/figures?format=csv&layout=wide', json: false },
  { name: 'table (JSON-stat)', path: '/v1/tables/asylum?format=json-stat', json: true },
  { name: '304 revalidation', path: '/v1/tables/asylum', json: true, revalidate: true },
  { name: 'SDMX 2.1 generic data', path: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT', json: true },
  { name: 'SDMX 2.1 SDMX-JSON', path: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?format=jsondata', json: true },
  { name: 'SDMX 2.1 SDMX-CSV', path: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?format=csvdata', json: true },
  { name: 'SDMX 2.1 structure', path: '/sdmx/2.1/dataflow/IND/all/latest?references=descendants', json: true },
  { name: 'SDMX 3 SDMX-JSON', path: '/sdmx/3/data/dataflow/IND/KNOWLEDGE_AND_TALENT/1.0?c[PROCEDURE]=TEV,VVR', json: true },
];

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
// By default the server runs as `npm start` runs it: the rate limiter counts remote clients only,
// so this loopback load passes it at once. BENCH_RATE_LIMIT=counted makes it count every request
// (with a budget never reached), which is what a remote client's request costs.
const COUNTED = process.env.BENCH_RATE_LIMIT === 'counted';
const RATE_LIMIT: Record<string, string> = COUNTED ? { RATE_LIMIT_MAX: '1000000000' } : {};
const SKIPPED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

const { databasePath, cleanup } = buildAndSeed();
const scratch = mkdtempSync(join(tmpdir(), 'ind-baseline-'));
log(`server: node dist/src/server.js (LOG_LEVEL=${LOG_LEVEL}, logs to /dev/null; rate limiter ${COUNTED ? 'counting every request' : 'as configured by default: remote clients only'})`);
const server = await startNode('dist/src/server.js', [], { DATABASE_PATH: databasePath, LOG_LEVEL, ...RATE_LIMIT, NODE_ENV: 'production' }, '/health');
let baseline: Awaited<ReturnType<typeof startNode>> | undefined;
try {
  const rssBefore = rssMiB(server.child.pid!);

  // Record our answers byte for byte, so the baseline serves exactly the same responses.
  const measured: (Target & { headers: Record<string, string> })[] = [];
  const recorded: { path: string; headers: Record<string, string>; body: string }[] = [];
  for (const target of TARGETS) {
    // autocannon sends no Accept-Encoding, so the identity bytes are the ones to replay.
    const res = await fetch(server.origin + target.path, { headers: { 'accept-encoding': 'identity', ...target.headers } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) {
      log(`skip ${target.name} (${target.path}): the server answers ${res.status}`);
      continue;
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      if (!SKIPPED_HEADERS.has(name)) headers[name] = value;
    });
    if (!recorded.some((r) => r.path === target.path)) recorded.push({ path: target.path, headers, body: body.toString('base64') });
    const requestHeaders = { ...target.headers };
    if (target.revalidate) requestHeaders['if-none-match'] = headers.etag!;
    measured.push({ ...target, headers: requestHeaders });
  }
  const fixtures = join(scratch, 'responses.json');
  writeFileSync(fixtures, JSON.stringify(recorded));
  baseline = await startNode('bench/baseline-server.mjs', [fixtures], {}, measured[0]!.path);

  // Warm both up (JIT, response cache) before measuring.
  for (const t of measured) {
    await load({ url: server.origin + t.path, headers: t.headers, connections: 10, duration: 1 });
    await load({ url: baseline.origin + t.path, headers: t.headers, connections: 10, duration: 1 });
  }

  const rows = [['request', 'server req/s', 'p50 ms', 'p99 ms', 'errors', 'baseline req/s', 'p50 ms', 'p99 ms', 'ratio', 'target']];
  let allMet = true;
  for (const t of measured) {
    const options = { headers: t.headers, connections: CONNECTIONS, duration: DURATION };
    const base = await load({ ...options, url: baseline.origin + t.path });
    const ours = await load({ ...options, url: server.origin + t.path });
    const expected = t.revalidate ? '3xx' : '2xx';
    const bad = (r: typeof ours) => r.errors + r.timeouts + (r.non2xx - (expected === '3xx' ? r['3xx'] : 0));
    const ratio = ours.requests.average / base.requests.average;
    const met = bad(ours) === 0 && ours.latency.p99 < 10 && (!t.json || ratio >= 0.6);
    allMet &&= met;
    rows.push([
      t.name,
      ours.requests.average.toFixed(0),
      ours.latency.p50.toFixed(1),
      ours.latency.p99.toFixed(1),
      String(bad(ours)),
      base.requests.average.toFixed(0),
      base.latency.p50.toFixed(1),
      base.latency.p99.toFixed(1),
      ratio.toFixed(2),
      met ? 'met' : 'MISSED',
    ]);
  }
  const rssAfter = rssMiB(server.child.pid!);

  log('');
  log(`autocannon: 1 worker, ${CONNECTIONS} connections, ${DURATION} s per request and server, loopback; Node ${process.version}`);
  log(table(rows));
  log('');
  log(`server RSS: ${rssBefore} MiB before load, ${rssAfter} MiB after`);
  log(`targets (JSON ≥ 0.6 × baseline req/s, p99 < 10 ms, 0 errors): ${allMet ? 'all met' : 'not all met'}`);
} finally {
  await baseline?.stop();
  const code = await server.stop();
  log(`server stopped with exit code ${code}`);
  rmSync(scratch, { recursive: true, force: true });
  cleanup();
}
