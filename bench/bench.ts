/**
 * `npm run bench`: the built server against two baselines that send the very same bytes — a bare
 * node:http server and an empty Fastify 5 route — for every request in bench/endpoints.ts.
 *
 * The servers run on core 0 (`taskset -c 0`), the load generator, wrk (bench/wrk.ts), on core 1. For
 * each request the three servers are loaded in alternating order (A B C, C B A, A B C …), so a
 * slow spell of the machine does not land on one of them only; the spread over the rounds is
 * printed. These rounds give the requests per second and the latency.
 *
 * Then the three are loaded at the same time, all on core 0, and each one's processor time per
 * request is taken from the kernel's count: what an answer costs the API against what the same
 * bytes cost each baseline, measured at the same moments. The machine's speed drifts by tens of
 * percent within seconds here, which moves back-to-back rounds apart but moves all three servers
 * together when they share the core. On a quiet machine these ratios spread by a few hundredths
 * over the rounds; with another process on core 0, some rounds fell by half. One quiet run is not
 * enough to hold the targets to them: they hold to requests per second, and the costs are shown.
 *
 * Then RSS (idle and after the load) and cold start. Figures depend on the machine and on
 * whatever else runs on it: the first lines say which machine and when.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import { BASELINES_AS_STARTED, recordAnswers, startBaseline } from './record.js';
import {
  buildAndSeed, cpuNs, loadTogether, startCommandLine, LOAD, LoadGenerator, loadAverage, log, machine, median, requirePinning, ROOT, rssMiB, SERVER_CORE, sleep, startNode, startServer, table, unexpectedResponses,
  type Loader, type LoadOptions, type LoadResult, type Running,
} from './lib.js';
import { Wrk } from './wrk.js';

const { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmUpSeconds: WARM_UP_SECONDS } = LOAD;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
// By default the server runs as `npm start` runs it: the rate limiter counts remote clients only,
// so this loopback load passes it at once. BENCH_RATE_LIMIT=counted makes it count every request
// (with a budget never reached), which is what a remote client's request costs.
const COUNTED = process.env.BENCH_RATE_LIMIT === 'counted';
const RATE_LIMIT: Record<string, string> = COUNTED ? { RATE_LIMIT_MAX: '1000000000' } : {};
// BENCH_ONLY=word measures only the requests whose name contains it.
const ONLY = process.env.BENCH_ONLY;
const AUTOCANNON = process.env.BENCH_LOADER === 'autocannon';
// Rounds in which the three servers are loaded together, to compare their processor time per request.
const COST_ROUNDS = Math.max(3, Number(process.env.BENCH_COST_ROUNDS ?? 5));
const TARGET = { fastify: 0.9, bare: 0.6, p99: 5 };
type ServerName = 'api' | 'fastify' | 'bare';
/** A latency as printed: wrk gives microseconds; two decimals tell a p99 of 5.04 ms from 5 ms. */
const ms = (value: number) => value.toFixed(2);
const ORDER: ServerName[] = ['api', 'fastify', 'bare'];

const bad = unexpectedResponses;

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
log(`command: npm run bench (${AUTOCANNON ? 'BENCH_LOADER=autocannon ' : ''}BENCH_SECONDS=${SECONDS} BENCH_ROUNDS=${ROUNDS} BENCH_COST_ROUNDS=${COST_ROUNDS} BENCH_CONNECTIONS=${CONNECTIONS} BENCH_LOG_LEVEL=${LOG_LEVEL}${COUNTED ? ' BENCH_RATE_LIMIT=counted' : ''}${BASELINES_AS_STARTED ? ' BENCH_BASELINES_AS_STARTED=1' : ''})`);
const { databasePath, dir, cleanup } = buildAndSeed();
const scratch = mkdtempSync(join(tmpdir(), 'ind-baseline-'));
const servers: Partial<Record<ServerName, Running>> = {};
let loader: Loader | undefined;
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

  // BENCH_LOADER=autocannon loads with autocannon instead, to see what it measures (README, Measuring).
  loader = AUTOCANNON ? LoadGenerator.start() : Wrk.start();
  const estimate = Math.round((measured.length * ((1 + WARM_UP_SECONDS) * 3 + ROUNDS * 3 * SECONDS + COST_ROUNDS * SECONDS)) / 60);
  log(`load: ${AUTOCANNON ? 'autocannon' : 'wrk (one thread)'} on core 1, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per request and server, order alternating;`);
  log(`  then ${COST_ROUNDS} rounds of ${SECONDS} s with the three servers loaded at the same time (${CONNECTIONS} connections each), for processor time per request; about ${estimate} min`);

  // A server runs for hours; its first seconds are what bench:cold measures. Before anything is
  // measured here, each server answers every request for a second, so that no request is
  // measured while the code and heap that all of them share are still warming up. The API has
  // far more code to warm than the baselines, so whichever requests came first measured low.
  log('warm-up: each server answers every request for 1 s before the first is measured');
  for (const m of measured) {
    for (const name of ORDER) await loader.run({ url: servers[name]!.origin + m.endpoint.url, headers: m.headers, connections: CONNECTIONS, duration: 1 });
  }

  // How busy each side was in the rounds, as a share of its core: the server should be the one
  // that runs out, or requests per second measure the load generator instead.
  const busy = { server: [] as number[], loader: [] as number[] };
  const timedRun = async (name: ServerName, options: LoadOptions) => {
    const pid = servers[name]!.child.pid!;
    const loaderPid = loader!.pid;
    const before = cpuNs(pid);
    const loaderBefore = loaderPid === undefined ? 0 : cpuNs(loaderPid);
    const result = await loader!.run(options);
    busy.server.push((cpuNs(pid) - before) / 1e9 / result.seconds);
    const loaderSeconds = loaderPid === undefined ? result.loaderCpuSeconds : (cpuNs(loaderPid) - loaderBefore) / 1e9;
    if (loaderSeconds !== undefined) busy.loader.push(loaderSeconds / result.seconds);
    return result;
  };
  const results = new Map<Endpoint, Record<ServerName, LoadResult[]>>();
  const costs = new Map<Endpoint, { perRequest: Record<ServerName, number[]>; unexpected: number }>();
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
      for (const name of order) rounds[name].push(await timedRun(name, options(name, SECONDS)));
    }
    results.set(m.endpoint, rounds);

    // Loaded together, the servers take turns on core 0, each at the machine's speed of the moment.
    const perRequest: Record<ServerName, number[]> = { api: [], fastify: [], bare: [] };
    let unexpected = 0;
    for (let round = 0; round < COST_ROUNDS; round++) {
      const together = await loadTogether(loader, ORDER.map((name) => ({ pid: servers[name]!.child.pid!, options: options(name, SECONDS) })));
      ORDER.forEach((name, i) => perRequest[name].push(together[i]!.usPerRequest));
      unexpected += bad(together[0]!.result, m.status);
    }
    costs.set(m.endpoint, { perRequest, unexpected });
    const rps = (name: ServerName) => median(rounds[name].map((r) => r.rps)).toFixed(0);
    const us = (name: ServerName) => median(perRequest[name]).toFixed(1);
    log(`  ${m.endpoint.name}: API ${rps('api')} req/s, Fastify ${rps('fastify')}, node:http ${rps('bare')}; processor time per request ${us('api')} µs, ${us('fastify')}, ${us('bare')}`);
  }
  const rssAfter = rssMiB(api.child.pid!);

  const rows = [[
    'request', 'bytes', 'API req/s min', 'median', 'max', 'p50 ms', 'p99 ms', 'errors',
    'Fastify req/s', 'p99 ms', 'node:http req/s', 'p99 ms', '× Fastify', '× node:http',
    'API µs/req', 'Fastify', 'node:http', 'cost × Fastify', 'min–max', '× node:http', 'target',
  ]];
  const misses: string[] = [];
  const bounded: string[] = [];
  for (const m of measured) {
    const r = results.get(m.endpoint)!;
    const c = costs.get(m.endpoint)!;
    const rps = (name: ServerName) => median(r[name].map((x) => x.rps));
    const p = (name: ServerName, q: 'p50' | 'p99') => median(r[name].map((x) => x.latency[q]));
    const errors = r.api.reduce((sum, x) => sum + bad(x, m.status), 0) + c.unexpected;
    // Each round loads the three servers one right after the other, so a round's ratio compares
    // them at nearly the same speed of the machine.
    const paired = (name: ServerName) => median(r.api.map((x, round) => x.rps / r[name][round]!.rps));
    // Loaded together, the servers are compared at the same moments: the baseline's processor
    // time per request over the API's, round by round; shown beside the targets (see the top).
    const cheapness = (name: ServerName) => c.perRequest.api.map((api, round) => c.perRequest[name][round]! / api);
    const vsFastify = paired('fastify');
    const vsBare = paired('bare');
    const reasons: string[] = [];
    if (vsFastify < TARGET.fastify) reasons.push(`${vsFastify.toFixed(2)} × Fastify`);
    if (vsBare < TARGET.bare) reasons.push(`${vsBare.toFixed(2)} × node:http`);
    // When bare node:http, sending the same bytes, misses the latency target as well, no server
    // could meet it on this machine with those bytes: such a row is held to node:http's own p99
    // instead, within 1 ms or a fifth, and listed apart.
    const bareP99 = p('bare', 'p99');
    const clientBound = p('api', 'p99') > TARGET.p99 && bareP99 > TARGET.p99 && p('api', 'p99') <= Math.max(bareP99 + 1, bareP99 * 1.2);
    if (clientBound && m.endpoint.cached !== false) bounded.push(`${m.endpoint.name}: p99 ${ms(p('api', 'p99'))} ms; node:http ${ms(bareP99)} ms, empty Fastify route ${ms(p('fastify', 'p99'))} ms on the same bytes`);
    else if (p('api', 'p99') > TARGET.p99) reasons.push(`p99 ${ms(p('api', 'p99'))} ms`);
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
      ms(p('api', 'p50')),
      ms(p('api', 'p99')),
      String(errors),
      rps('fastify').toFixed(0),
      ms(p('fastify', 'p99')),
      rps('bare').toFixed(0),
      ms(p('bare', 'p99')),
      vsFastify.toFixed(2),
      vsBare.toFixed(2),
      median(c.perRequest.api).toFixed(1),
      median(c.perRequest.fastify).toFixed(1),
      median(c.perRequest.bare).toFixed(1),
      median(cheapness('fastify')).toFixed(2),
      `${Math.min(...cheapness('fastify')).toFixed(2)}–${Math.max(...cheapness('fastify')).toFixed(2)}`,
      median(cheapness('bare')).toFixed(2),
      !held ? '(streamed)' : reasons.length > 0 ? 'MISS' : clientBound ? 'PASS (p99: load generator)' : 'PASS',
    ]);
  }

  log('');
  log(`throughput: medians over ${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections; p50/p99 are medians of the rounds' percentiles;`);
  log('× Fastify, × node:http: median over the rounds of the ratio of requests per second within each round (the three servers are loaded back to back in every round);');
  log(`µs/req: processor time per request (all threads, from /proc/<pid>/task/*/schedstat), median over ${COST_ROUNDS} rounds with the three servers loaded at the same time on core 0;`);
  log('cost × Fastify, × node:http: the baseline\'s processor time per request over the API\'s, median over those rounds (min–max for Fastify); shown, not held to the targets;');
  log(`baselines send the same status, headers and body bytes as the API; node:http and Fastify have no logger, the API logs at info; the baselines run with ${BASELINES_AS_STARTED ? "npm start's node options and environment" : "Node's default options (BENCH_BASELINES_AS_STARTED=1 gives them npm start's)"}`);
  log(table(rows));
  const spread = (values: number[]) => values.length === 0 ? 'not known' : `median ${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
  log(`busy share of its core in the rounds: the servers ${spread(busy.server)}; the load generator ${spread(busy.loader)}`);
  log('');
  log(`targets per cached request: ≥ ${TARGET.fastify} × the empty Fastify route and ≥ ${TARGET.bare} × bare node:http in requests per second, p99 ≤ ${TARGET.p99} ms (or, where bare node:http misses it on the same bytes, within 1 ms or a fifth of node:http's p99), 0 errors`);
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
