/**
 * `npm run soak`: the built server under 60 s of mixed load (good requests, revalidations,
 * compressed, and a share of bad ones), reporting errors and how its RSS moves. (No HEAD:
 * autocannon's client waits for a body after a HEAD answer; the test suite covers HEAD.)
 * A request counts as an error if the connection fails, times out, or the status is not the
 * one that request must get.
 */
import { buildAndSeed, load, log, rssMiB, startNode, table } from './lib.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 20);
const SAMPLE_EVERY_MS = 5000;

const { databasePath, cleanup } = buildAndSeed();
const server = await startNode('dist/src/server.js', [], { DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production' }, '/health');
try {
  const etag = (await fetch(`${server.origin}/v1/tables/asylum`, { headers: { 'accept-encoding': 'identity' } })).headers.get('etag')!;
  const mix: { method?: string; path: string; headers?: Record<string, string>; expect: number }[] = [
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
  const unexpected = new Map<string, number>();
  const requests = mix.map((m) => ({
    method: m.method ?? 'GET',
    path: m.path,
    headers: m.headers,
    onResponse: (status: number) => {
      if (status !== m.expect) {
        const key = `${m.method ?? 'GET'} ${m.path.slice(0, 60)} → ${status}`;
        unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
      }
    },
  }));

  const pid = server.child.pid!;
  const samples: [number, number][] = [[0, rssMiB(pid)]];
  const started = Date.now();
  const sampler = setInterval(() => samples.push([Math.round((Date.now() - started) / 1000), rssMiB(pid)]), SAMPLE_EVERY_MS);
  log(`soak: ${SECONDS} s, ${CONNECTIONS} connections, ${mix.length} kinds of request in rotation`);
  const result = await load({ url: server.origin, connections: CONNECTIONS, duration: SECONDS, requests });
  clearInterval(sampler);
  samples.push([Math.round((Date.now() - started) / 1000), rssMiB(pid)]);

  const wrong = [...unexpected.values()].reduce((a, b) => a + b, 0);
  const errors = result.errors + result.timeouts + wrong;
  // The first half includes warm-up (JIT, heap sizing, socket buffers); a leak shows as growth
  // across the second half, when the process has settled.
  const idle = samples[0]![1];
  const half = Math.round(SECONDS / 2);
  const [halfAt, settled] = samples.find(([t]) => t >= half) ?? samples[0]!;
  const peak = Math.max(...samples.map(([, rss]) => rss));
  const end = samples.at(-1)![1];
  const growth = (from: number) => `${(((end - from) / from) * 100).toFixed(1)} %`;

  log('');
  log(table([['t (s)', 'RSS (MiB)'], ...samples.map(([t, rss]) => [String(t), rss.toFixed(1)])]));
  log('');
  log(`requests: ${result.requests.total} (${result.requests.average.toFixed(0)}/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  log(`statuses: ${Object.entries(result.statusCodeStats).map(([s, { count }]) => `${s}×${count}`).join(' ')}`);
  log(`errors: ${errors} (connection ${result.errors}, timeouts ${result.timeouts}, unexpected status ${wrong})`);
  for (const [what, n] of unexpected) log(`  ${what}: ${n}`);
  log(`RSS: ${idle} MiB idle before load, peak ${peak} MiB, ${settled} MiB at ${halfAt} s, ${end} MiB at the end`);
  log(`RSS growth over the second half: ${growth(settled)}; from idle to the end: ${growth(idle)}`);
  log(`targets (0 errors, RSS growth over the second half < 10 %): ${errors === 0 && (end - settled) / settled < 0.1 ? 'met' : 'not met'}`);
} finally {
  const code = await server.stop();
  log(`server stopped with exit code ${code}`);
  cleanup();
}
