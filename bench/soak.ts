/**
 * `npm run soak`: the built server under 60 s of mixed load (good requests, revalidations,
 * compressed, and a share of bad ones), reporting errors and how its RSS moves. The server runs on
 * core 0, autocannon in a process of its own on core 1, as in `npm run bench`. (No HEAD:
 * autocannon's client waits for a body after a HEAD answer; the test suite covers HEAD.)
 * A request counts as an error if the connection fails, times out, or the status is not the
 * one that request must get.
 */
import { buildAndSeed, IDLE_SECONDS, startCommandLine, LoadGenerator, loadAverage, log, machine, requirePinning, rssMiB, SERVER_CORE, sleep, startServer, table, type LoadRequest } from './lib.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 20);
const SAMPLE_EVERY_MS = 5000;

const RSS_TARGET = { idle: 64, end: 96 };

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
const { databasePath, cleanup } = buildAndSeed();
const server = await startServer({ DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production' }, { core: SERVER_CORE });
const loader = LoadGenerator.start();
try {
  const pid = server.child.pid!;
  await sleep(1000);
  const justStarted = rssMiB(pid);
  await sleep(IDLE_SECONDS * 1000 - 1000);
  const idle = rssMiB(pid);
  const etag = (await fetch(`${server.origin}/v1/tables/asylum`, { headers: { 'accept-encoding': 'identity' } })).headers.get('etag')!;
  const mix: LoadRequest[] = [
    { path: '/v1/tables/asylum', expect: 200 },
    { path: '/v1/figures?table=family&year=2016', expect: 200 },
    { path: '/v1/deltas', expect: 200 },
    { path: '/v1/figures?format=csv', expect: 200 },
    { path: '/v1/tables', expect: 200 },
    { path: '/v1/checks', expect: 200 },
    { path: '/v1/nationalities?table=asylum', expect: 200 },
    { path: '/v1/tables/students/breakdown', expect: 200 },
    { path: '/v1/figures?limit=5&offset=20', expect: 200 },
    { path: '/v1', expect: 200 },
    { path: '/health', expect: 200 },
    { path: '/openapi.json', expect: 200 },
    { path: '/v1/tables/asylum', headers: { 'if-none-match': etag }, expect: 304 },
    { path: '/v1/figures', headers: { 'accept-encoding': 'br' }, expect: 200 },
    { path: '/v1/deltas', headers: { 'accept-encoding': 'gzip' }, expect: 200 },
    { path: '/v1/tables/family', headers: { accept: 'text/csv' }, expect: 200 },
    { path: '/v1/tables/asylum?format=json-stat&lang=nl', expect: 200 },
    { path: '/v1/catalog', headers: { accept: 'text/turtle' }, expect: 200 },
    { path: '/v1/download/figures.csv', expect: 200 },
    { path: '/v1/download/ind.sqlite', expect: 200 },
    { path: '/tables/students', headers: { accept: 'text/html', 'accept-language': 'nl' }, expect: 200 },
    { path: '/v1/figures?year=20x6', expect: 400 },
    { path: '/v1/figures?bogus=1', expect: 400 },
    { path: '/v1/tables/asylun', expect: 404 },
    { method: 'POST', path: '/v1/tables', expect: 405 },
    { path: `/v1/figures?table=${'a'.repeat(5000)}`, expect: 414 },
  ];

  const samples: [number, number][] = [[0, rssMiB(pid)]];
  const started = Date.now();
  const sampler = setInterval(() => samples.push([Math.round((Date.now() - started) / 1000), rssMiB(pid)]), SAMPLE_EVERY_MS);
  log(`soak: ${SECONDS} s, ${CONNECTIONS} connections, ${mix.length} kinds of request in rotation; server on core ${SERVER_CORE} as npm start runs it (${startCommandLine()}, LOG_LEVEL=info, logs to /dev/null), autocannon on core 1`);
  const result = await loader.run({ url: server.origin, connections: CONNECTIONS, duration: SECONDS, requests: mix });
  clearInterval(sampler);
  samples.push([Math.round((Date.now() - started) / 1000), rssMiB(pid)]);

  const wrong = Object.values(result.unexpected).reduce((a, b) => a + b, 0);
  const errors = result.errors + result.timeouts + wrong;
  // The first half includes warm-up (JIT, heap sizing, socket buffers); a leak shows as growth
  // across the second half, when the process has settled.
  const half = Math.round(SECONDS / 2);
  const [halfAt, settled] = samples.find(([t]) => t >= half) ?? samples[0]!;
  const peak = Math.max(...samples.map(([, rss]) => rss));
  const end = samples.at(-1)![1];
  const growth = (from: number) => `${(((end - from) / from) * 100).toFixed(1)} %`;

  log('');
  log(table([['t (s)', 'RSS (MiB)'], ...samples.map(([t, rss]) => [String(t), rss.toFixed(1)])]));
  log('');
  log(`requests: ${result.total} (${result.rps.toFixed(0)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  log(`statuses: ${Object.entries(result.statuses).map(([s, count]) => `${s}×${count}`).join(' ')}`);
  log(`errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, unexpected status ${wrong})`);
  for (const [what, n] of Object.entries(result.unexpected)) log(`  ${what}: ${n}`);
  log(`RSS: ${justStarted} MiB 1 s after start, ${idle} MiB idle (${IDLE_SECONDS} s after start), ${samples[0]![1]} MiB as the load starts, peak ${peak} MiB, ${settled} MiB at ${halfAt} s, ${end} MiB at the end`);
  log(`RSS growth over the second half: ${growth(settled)}; from idle to the end: ${growth(idle)}`);
  log(loadAverage('at the end of the load', 2));
  log(`targets (0 errors, RSS growth over the second half < 10 %): ${errors === 0 && (end - settled) / settled < 0.1 ? 'PASS' : 'MISS'}`);
  log(`RSS targets: idle ${idle} MiB (≤ ${RSS_TARGET.idle}) ${idle <= RSS_TARGET.idle ? 'PASS' : 'MISS'}; end ${end} MiB (≤ ${RSS_TARGET.end}) ${end <= RSS_TARGET.end ? 'PASS' : 'MISS'}`);
} finally {
  await loader.stop();
  const code = await server.stop();
  log(`server stopped with exit code ${code}`);
  cleanup();
}
