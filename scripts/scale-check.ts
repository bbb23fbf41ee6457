/**
 * `npm run scale:check`: three replicas of the built server on loopback behind HAProxy
 * (deploy/haproxy.cfg), 60 s of steady mixed load through HAProxy, and a rolling restart of every
 * replica in turn while it runs: SIGTERM, wait for the exit, start again, wait until the replica
 * answers /health and HAProxy has it UP again. Prints total and failed requests (any status of 400
 * or more, any socket error or timeout: the target is 0), latency during the restarts and outside
 * them, and whether every replica answers the same bytes and ETag for the same request.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { openSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  buildAndSeed, exited, freePort, LoadGenerator, loadAverage, log, machine, ROOT, sleep, startServer, table, track, waitFor,
  type LoadRequest, type Running,
} from '../bench/lib.js';
import { ENDPOINTS } from '../bench/endpoints.js';

const SECONDS = Number(process.env.SCALE_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SCALE_CONNECTIONS ?? 16);
/** Requests per second over all connections: steady, so latency means something. */
const RATE = Number(process.env.SCALE_RATE ?? 600);
const REPLICAS = 3;
const STEADY_BETWEEN_MS = 5000;
/** Another configuration to try (the committed one by default). */
const HAPROXY_CONFIG = process.env.SCALE_HAPROXY_CONFIG ?? 'deploy/haproxy.cfg';

if (spawnSync('haproxy', ['-v']).error) {
  log('HAProxy is missing. On Debian/Ubuntu: apt-get install -y haproxy (then run npm run scale:check again)');
  process.exit(2);
}

log(machine());
log(loadAverage('at the start', 1));
log(`HAProxy: ${spawnSync('haproxy', ['-v']).stdout.toString().split('\n')[0]}`);
log('command: npm run scale:check');
const { databasePath, dir, cleanup } = buildAndSeed();
const lbPort = await freePort();
const lb = `http://127.0.0.1:${lbPort}`;
const statsSocket = join(dir, 'haproxy.sock');
const ports = await Promise.all(Array.from({ length: REPLICAS }, () => freePort()));

// Every replica is configured as in a deployment: the public URL is the load balancer's, so the
// links in every answer are the same whichever replica sends it.
const replicaEnv = { DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production', TRUST_PROXY: '1', PUBLIC_URL: lb };
const startReplica = (i: number) =>
  startServer(replicaEnv, { port: ports[i], stdout: join(dir, `replica${i + 1}.log`) });

/** One command on HAProxy's admin socket, its whole answer. */
function haproxyCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(statsSocket);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.end(`${command}\n`);
  });
}

/** HAProxy's view of the replicas: `show stat` rows of the backend, by server name. */
async function serverStats(): Promise<Map<string, Record<string, string>>> {
  const lines = (await haproxyCommand('show stat')).trim().split('\n');
  const columns = lines[0]!.replace(/^# /, '').split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const row = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    if (row.pxname === 'replicas' && row.svname !== 'BACKEND') rows.set(row.svname!, row);
  }
  return rows;
}

const waitUntilUp = (i: number) =>
  waitFor(`HAProxy to see replica${i + 1} UP`, async () => ((await serverStats().catch(() => undefined))?.get(`replica${i + 1}`)?.status === 'UP' ? true : undefined), 30_000, 50);

interface Raw {
  status: number;
  etag: string;
  sha256: string;
  bytes: number;
}

/** The raw answer (no decompression) to a GET. */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(origin + path, { headers, agent: false }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode!, etag: String(res.headers.etag ?? ''), sha256: hash.digest('hex'), bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// What is compared between replicas and sent through HAProxy: every request the bench measures,
// and the compressed and Dutch variants of some, since each representation has its own bytes and ETag.
const SAME_BYTES: { path: string; headers?: Record<string, string> }[] = [
  ...ENDPOINTS.filter((e) => !e.revalidate && e.url !== '/health').map((e) => ({ path: e.url, headers: e.headers })),
  { path: '/v1/tables/asylum', headers: { 'accept-encoding': 'gzip' } },
  { path: '/v1/deltas', headers: { 'accept-encoding': 'br' } },
  { path: '/tables/asylum', headers: { accept: 'text/html', 'accept-language': 'nl' } },
];

async function answersOfEveryReplica(): Promise<Raw[][]> {
  const answers: Raw[][] = [];
  for (const { path, headers } of SAME_BYTES) {
    answers.push(await Promise.all(ports.map((port) => rawGet(`http://127.0.0.1:${port}`, path, headers ?? {}))));
  }
  return answers;
}

const replicas: Running[] = [];
let loader: LoadGenerator | undefined;
let failed = -1;
try {
  replicas.push(...(await Promise.all(ports.map((_, i) => startReplica(i)))));
  const haproxy = track(
    spawn('haproxy', ['-db', '-f', HAPROXY_CONFIG], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HAPROXY_BIND: `127.0.0.1:${lbPort}`,
        HAPROXY_STATS: statsSocket,
        ...Object.fromEntries(ports.map((port, i) => [`REPLICA_${i + 1}`, `127.0.0.1:${port}`])),
      },
      stdio: ['ignore', 'ignore', openSync(join(dir, 'haproxy.log'), 'a')],
    }),
  );
  for (let i = 0; i < REPLICAS; i++) await waitUntilUp(i);
  log(`HAProxy on 127.0.0.1:${lbPort} (${HAPROXY_CONFIG}), replicas on ${ports.map((p) => `127.0.0.1:${p}`).join(', ')}: all UP`);
  const before = await answersOfEveryReplica();

  const etag = (await rawGet(lb, '/v1/tables/asylum', {})).etag;
  const mix: LoadRequest[] = [{ path: '/health' }, { path: '/v1/tables/asylum', headers: { 'if-none-match': etag } }, ...SAME_BYTES];
  log(`load: ${SECONDS} s through HAProxy, ${CONNECTIONS} connections, ${RATE} requests/s, ${mix.length} kinds of request in rotation`);
  loader = LoadGenerator.start();
  const started = performance.now();
  const running = loader.run({ url: lb, connections: CONNECTIONS, duration: SECONDS, overallRate: RATE, requests: mix, timeout: 10 }, true);

  // The rolling restart, one replica after the other, with steady load before, between and after.
  const restarts: string[][] = [['replica', 'SIGTERM at s', 'exit code', 'drained in ms', 'start to /health 200 ms', 'to HAProxy UP ms']];
  await sleep(STEADY_BETWEEN_MS);
  for (let i = 0; i < REPLICAS; i++) {
    const at = (performance.now() - started) / 1000;
    loader.phase('restart');
    const t0 = performance.now();
    const code = await replicas[i]!.stop();
    const t1 = performance.now();
    replicas[i] = await startReplica(i);
    const t2 = performance.now();
    await waitUntilUp(i);
    const t3 = performance.now();
    loader.phase('steady');
    restarts.push([`replica${i + 1}`, at.toFixed(1), String(code), (t1 - t0).toFixed(0), (t2 - t1).toFixed(0), (t3 - t2).toFixed(0)]);
    await sleep(STEADY_BETWEEN_MS);
  }
  const restartsDone = (performance.now() - started) / 1000;
  const result = await running;
  const after = await answersOfEveryReplica();
  const stats = await serverStats();

  failed = result.failedStatus + result.errors + result.timeouts;
  const restart = result.phases.restart;
  const steady = result.phases.steady;
  log(loadAverage('at the end of the load', REPLICAS + 1));
  log('');
  log(table(restarts));
  if (restartsDone > SECONDS) log(`the restarts ended at ${restartsDone.toFixed(1)} s, after the load (${SECONDS} s): raise SCALE_SECONDS`);
  log('');
  log(`requests: ${result.total} in ${result.seconds.toFixed(1)} s (${result.rps.toFixed(0)}/s)`);
  log(`statuses: ${Object.entries(result.statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  log(`failed: ${failed} (status ≥ 400: ${result.failedStatus}, socket errors: ${result.errors}, timeouts: ${result.timeouts}) — ${failed === 0 ? 'PASS' : 'MISS'} (target 0)`);
  log(`latency overall: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  if (restart) log(`latency during the restarts (${restart.requests} requests): p50 ${ms(restart.p50)}, p99 ${ms(restart.p99)}, max ${ms(restart.max)}`);
  if (steady) log(`latency outside them (${steady.requests} requests): p50 ${ms(steady.p50)}, p99 ${ms(steady.p99)}, max ${ms(steady.max)}`);
  log('');
  log('HAProxy per replica (sessions, answers, retries and redispatches it made):');
  log(table([
    ['server', 'status', 'sessions', '2xx', '3xx', '4xx', '5xx', 'retries', 'redispatches', 'check downs'],
    ...[...stats.values()].map((s) => [s.svname!, s.status!, s.stot!, s.hrsp_2xx!, s.hrsp_3xx!, s.hrsp_4xx!, s.hrsp_5xx!, s.wretr!, s.wredis!, s.chkdown!]),
  ]));

  log('');
  log('same bytes: each replica asked directly, before and after the rolling restart');
  const rows = [['request', 'status', 'bytes', 'sha256', 'ETag', 'identical']];
  const differences: string[] = [];
  SAME_BYTES.forEach(({ path, headers }, i) => {
    const answers = [...before[i]!.map((a, r) => ({ ...a, who: `replica${r + 1} before` })), ...after[i]!.map((a, r) => ({ ...a, who: `replica${r + 1} after` }))];
    const first = answers[0]!;
    const variant = Object.entries(headers ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    const name = `${path}${variant ? ` (${variant})` : ''}`;
    const odd = answers.filter((a) => a.status !== first.status || a.sha256 !== first.sha256 || a.etag !== first.etag);
    for (const a of odd) differences.push(`${name}: ${a.who} answers ${a.status}, ${a.bytes} bytes, sha256 ${a.sha256.slice(0, 16)}, ETag ${a.etag}; ${first.who} ${first.sha256.slice(0, 16)}, ${first.etag}`);
    rows.push([name, String(first.status), String(first.bytes), first.sha256.slice(0, 16), first.etag, odd.length === 0 ? 'yes' : 'NO']);
  });
  const allSame = differences.length === 0;
  log(table(rows));
  for (const difference of differences) log(`  differs: ${difference}`);
  log(`every replica answers byte-identical bodies and ETags (${REPLICAS} replicas × 2 times × ${SAME_BYTES.length} requests): ${allSame ? 'PASS' : 'MISS'}`);
  if (!allSame) failed = Math.max(failed, 1);

  await loader.stop();
  loader = undefined;
  for (const replica of replicas) await replica.stop();
  haproxy.kill('SIGTERM');
  await exited(haproxy);
} finally {
  await loader?.stop();
  for (const replica of replicas) await replica.stop();
  if (failed === 0) cleanup();
  else log(`logs of the replicas and HAProxy kept in ${dir}`);
}
process.exitCode = failed === 0 ? 0 : 1;
