/**
 * `npm run bench`: the built server against two baselines that send the very same bytes — a bare
 * node:http server and an empty Fastify 5 route — for every request in bench/endpoints.ts.
 *
 * The servers run on core 0 (`taskset -c 0`), autocannon in a process of its own on core 1. For
 * each request the three servers are loaded in alternating order (A B C, C B A, A B C …), so a
 * slow spell of the machine does not land on one of them only; the spread over the rounds is
 * printed. Then RSS (idle and after the load) and cold start. Figures depend on the machine and
 * on whatever else runs on it: the first lines say which machine and when.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import { BASELINES_AS_STARTED, recordAnswers, startBaseline } from './record.js';
import {
  buildAndSeed, startCommandLine, LOAD, LoadGenerator, loadAverage, log, machine, median, requirePinning, ROOT, rssMiB, SERVER_CORE, sleep, startNode, startServer, table, unexpectedResponses,
  type LoadResult, type Running,
} from './lib.js';

const { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmUpSeconds: WARM_UP_SECONDS } = LOAD;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
// By default the server runs as `npm start` runs it: the rate limiter counts remote clients only,
// so this loopback load passes it at once. BENCH_RATE_LIMIT=counted makes it count every request
// (with a budget never reached), which is what a remote client's request costs.
const COUNTED = process.env.BENCH_RATE_LIMIT === 'counted';
const RATE_LIMIT: Record<string, string> = COUNTED ? { RATE_LIMIT_MAX: '1000000000' } : {};
// BENCH_ONLY=word measures only the requests whose name contains it.
const ONLY = process.env.BENCH_ONLY;
const TARGET = { fastify: 0.9, bare: 0.6, p99: 5 };
type ServerName = 'api' | 'fastify' | 'bare';
const ORDER: ServerName[] = ['api', 'fastify', 'bare'];

const bad = unexpectedResponses;

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
log(`command: npm run bench (BENCH_SECONDS=${SECONDS} BENCH_ROUNDS=${ROUNDS} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_LOG_LEVEL=${LOG_LEVEL}${COUNTED ? ' BENCH_RATE_LIMIT=counted' : ''}${BASELINES_AS_STARTED ? ' BENCH_BASELINES_AS_STARTED=1' : ''})`);
const { databasePath, dir, cleanup } = buildAndSeed();
const scratch = mkdtempSync(join(tmpdir(), 'ind-baseline-'));
const servers: Partial<Record<ServerName, Running>> = {};
let loader: LoadGenerator | undefined;
try {
  log(`server: node dist/src/server.js as npm start runs it (${startCommandLine()}) on core ${SERVER_CORE}, LOG_LEVEL=${LOG_LEVEL}, logs to /dev/null, rate limiter ${COUNTED ? 'counting every request' : 'as by default (remote clients only)'}`);
  const api = await startServer({ DATABASE_PATH: databasePath, LOG_LEVEL, ...RATE_LIMIT, NODE_ENV: 'production' }, { core: SERVER_CORE });
  servers.api = api;
  await sleep(1000);
  const rssStarted = rssMiB(api.child.pid!);

  // Record the API's answers byte for byte, so both baselines serve exactly the same responses.
  const { measured, recorded } = await recordAnswers(api.origin, ENDPOINTS.filter((e) => !ONLY || e.name.includes(ONLY)));
  servers.fastify = await startBaseline('fastify', recorded, scratch, measured, api.origin);
  servers.bare = await startBaseline('bare', recorded, scratch, measured, api.origin);

  loader = LoadGenerator.start();
  const estimate = Math.round((measured.length * (WARM_UP_SECONDS * 3 + ROUNDS * 3 * SECONDS)) / 60);
  log(`load: autocannon on core 1, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per request and server, order alternating; about ${estimate} min`);

  const results = new Map<Endpoint, Record<ServerName, LoadResult[]>>();
  for (const m of measured) {
    const options = (name: ServerName, duration: number) => ({
      url: servers[name]!.origin + m.endpoint.url,
      headers: m.headers,
      connections: CONNECTIONS,
      duration,
    });
    for (const name of ORDER) await loader.run(options(name, WARM_UP_SECONDS));
    const rounds: Record<ServerName, LoadResult[]> = { api: [], fastify: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ORDER : [...ORDER].reverse();
      for (const name of order) rounds[name].push(await loader.run(options(name, SECONDS)));
    }
    results.set(m.endpoint, rounds);
    const rps = (name: ServerName) => median(rounds[name].map((r) => r.rps)).toFixed(0);
    log(`  ${m.endpoint.name}: API ${rps('api')} req/s, Fastify ${rps('fastify')}, node:http ${rps('bare')}`);
  }
  const rssAfter = rssMiB(api.child.pid!);

  const rows = [[
    'request', 'bytes', 'API req/s min', 'median', 'max', 'p50 ms', 'p99 ms', 'errors',
    'Fastify req/s', 'p99 ms', 'node:http req/s', 'p99 ms', '× Fastify', '× node:http', 'target',
  ]];
  const misses: string[] = [];
  const bounded: string[] = [];
  for (const m of measured) {
    const r = results.get(m.endpoint)!;
    const rps = (name: ServerName) => median(r[name].map((x) => x.rps));
    const p = (name: ServerName, q: 'p50' | 'p99') => median(r[name].map((x) => x.latency[q]));
    const errors = r.api.reduce((sum, x) => sum + bad(x, m.status), 0);
    // Each round loads the three servers one right after the other, so a round's ratio compares
    // them at the same speed of the machine, which drifts by tens of percent over a minute here.
    const paired = (name: ServerName) => median(r.api.map((x, round) => x.rps / r[name][round]!.rps));
    const vsFastify = paired('fastify');
    const vsBare = paired('bare');
    const reasons: string[] = [];
    if (vsFastify < TARGET.fastify) reasons.push(`${vsFastify.toFixed(2)} × Fastify`);
    if (vsBare < TARGET.bare) reasons.push(`${vsBare.toFixed(2)} × node:http`);
    // When bare node:http, sending the same bytes, misses the latency target as well, no server
    // could meet it with this load generator (autocannon decodes every body into a string): such
    // a row is held to node:http's own p99 instead, within 1 ms or a fifth, and listed apart.
    const bareP99 = p('bare', 'p99');
    const clientBound = p('api', 'p99') > TARGET.p99 && bareP99 > TARGET.p99 && p('api', 'p99') <= Math.max(bareP99 + 1, bareP99 * 1.2);
    if (clientBound && m.endpoint.cached !== false) bounded.push(`${m.endpoint.name}: p99 ${p('api', 'p99')} ms; node:http ${bareP99} ms, empty Fastify route ${p('fastify', 'p99')} ms on the same bytes`);
    else if (p('api', 'p99') > TARGET.p99) reasons.push(`p99 ${p('api', 'p99')} ms`);
    if (errors > 0) reasons.push(`${errors} errors`);
    const held = m.endpoint.cached !== false;
    if (held && reasons.length > 0) misses.push(`${m.endpoint.name}: ${reasons.join(', ')}`);
    const all = r.api.map((x) => x.rps);
    rows.push([
      m.endpoint.name,
      m.encoding ? `${m.bytes} ${m.encoding}` : String(m.bytes),
      Math.min(...all).toFixed(0),
      rps('api').toFixed(0),
      Math.max(...all).toFixed(0),
      p('api', 'p50').toFixed(1),
      p('api', 'p99').toFixed(1),
      String(errors),
      rps('fastify').toFixed(0),
      p('fastify', 'p99').toFixed(1),
      rps('bare').toFixed(0),
      p('bare', 'p99').toFixed(1),
      vsFastify.toFixed(2),
      vsBare.toFixed(2),
      !held ? '(streamed)' : reasons.length > 0 ? 'MISS' : clientBound ? 'PASS (p99: load generator)' : 'PASS',
    ]);
  }

  log('');
  log(`throughput: medians over ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections; p50/p99 are medians of the rounds' percentiles;`);
  log('× Fastify and × node:http: median over the rounds of the ratio within each round (the three servers are loaded back to back in every round);');
  log(`baselines send the same status, headers and body bytes as the API; node:http and Fastify have no logger, the API logs at info; the baselines run with ${BASELINES_AS_STARTED ? "npm start's node options and environment" : "Node's default options (BENCH_BASELINES_AS_STARTED=1 gives them npm start's)"}`);
  log(table(rows));
  log('');
  log(`targets per cached request: ≥ ${TARGET.fastify} × the empty Fastify route, ≥ ${TARGET.bare} × bare node:http, p99 ≤ ${TARGET.p99} ms (or, where bare node:http misses it on the same bytes, within 1 ms or a fifth of node:http's p99), 0 errors`);
  log(misses.length === 0 ? 'targets: PASS (every cached request)' : `targets: MISS (${misses.length} of ${rows.length - 1})`);
  for (const miss of misses) log(`  MISS ${miss}`);
  if (bounded.length > 0) log(`${bounded.length} of ${rows.length - 1} held to node:http's p99 instead: it misses ${TARGET.p99} ms on the same bytes too, and the API is within 1 ms or a fifth of it:`);
  for (const line of bounded) log(`  ${line}`);
  log('');
  log(loadAverage('at the end of the load', 2));
  log(`RSS of the API: ${rssStarted} MiB 1 s after start, ${rssAfter} MiB after the load (idle: see bench:cold below)`);

  await loader.stop();
  loader = undefined;
  for (const name of ORDER) await servers[name]?.stop();
  log('');

  // Cold start, the bad-store exit and idle RSS: the same script `npm run bench:cold` runs.
  log('$ npm run bench:cold');
  const run = spawnSync('npm', ['run', '--silent', 'bench:cold'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, DATABASE_PATH: databasePath } });
  if (run.status !== 0) log(`cold start script exited with ${run.status}`);
} finally {
  await loader?.stop();
  for (const name of ORDER) await servers[name]?.stop();
  rmSync(scratch, { recursive: true, force: true });
  cleanup();
}
