/**
 * `npm run bench:compare -- <git-ref>`: is any endpoint slower than at <git-ref>?
 *
 * The ref is checked out into a temporary git worktree, installed (the current node_modules
 * hard-linked when both package-lock.json files are the same, else `npm ci`), built and seeded
 * with its own commands; the current checkout is built and seeded the same way. Each side's
 * answers are recorded and replayed by an empty Fastify route of its own. All four servers run on
 * core 0, wrk on core 1 (bench/wrk.ts). For every request of bench/endpoints.ts that both answer as
 * expected, the four are loaded in alternating rounds, for requests per second and latency, and
 * then all at the same time, for each one's processor time per request (see bench.ts on why).
 * A request is SLOWER when the current server spends more processor time per request than the
 * old one in every round loaded together, and by more than 2 % in the median; where the two
 * serve different bytes, only if its cost against the empty route on its own bytes is also
 * above the old server's highest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINTS } from './endpoints.js';
import { recordAnswers, startBaseline, type Measured } from './record.js';
import {
  buildAndSeed, checkoutOf, loadTogether, cleanUpOnInterrupt, commitOf, git, LOAD, loadAverage, log, machine, median, requirePinning, ROOT, SERVER_CORE, startNode, startServer, table, unexpectedResponses,
  type Loader, type LoadResult, type Running,
} from './lib.js';
import { Wrk } from './wrk.js';

const { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmUpSeconds: WARM_UP_SECONDS } = LOAD;
const LOG_LEVEL = 'info';
const ONLY = process.env.BENCH_ONLY;
const COST_ROUNDS = Math.max(3, Number(process.env.BENCH_COST_ROUNDS ?? 5));
/** More processor time per request than this share, in the median, is slower (if in every round). */
const TOLERANCE = 1.02;

const ref = process.argv[2];
if (!ref || ref.startsWith('-')) {
  process.stderr.write('usage: npm run bench:compare -- <git-ref>   (a commit, branch or tag to compare the current checkout with)\n');
  process.exit(2);
}

const commit = commitOf(ref);

type Side = 'old' | 'new';
type ServerName = Side | `${Side}-fastify`;
const ORDER: ServerName[] = ['old', 'new', 'new-fastify', 'old-fastify'];

interface Server {
  running?: Running;
  databaseCleanup?: () => void;
}

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
log(`command: npm run bench:compare -- ${ref} (BENCH_SECONDS=${SECONDS} BENCH_ROUNDS=${ROUNDS} BENCH_COST_ROUNDS=${COST_ROUNDS} BENCH_CONNECTIONS=${CONNECTIONS}${ONLY ? ` BENCH_ONLY=${ONLY}` : ''})`);
log(`old: ${ref} = ${git(['log', '-1', '--format=%h %s', commit])}`);
const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
log(`new: the current checkout, ${git(['log', '-1', '--format=%h %s'])}${dirty ? ' (with uncommitted changes)' : ''}`);

const other = checkoutOf(commit);
// The answers the empty routes replay.
const scratch = mkdtempSync(join(tmpdir(), 'ind-compare-'));
const cleanUp = () => {
  other.remove();
  rmSync(scratch, { recursive: true, force: true });
};
cleanUpOnInterrupt(cleanUp);

const servers: Record<ServerName, Server> = { old: {}, new: {}, 'old-fastify': {}, 'new-fastify': {} };
let loader: Loader | undefined;
try {
  const tree = other.install();

  const built: Record<Side, { root: string; databasePath: string }> = {
    old: { root: tree, databasePath: '' },
    new: { root: ROOT, databasePath: '' },
  };
  for (const side of ['old', 'new'] as const) {
    const { databasePath, cleanup } = buildAndSeed(built[side].root);
    built[side].databasePath = databasePath;
    servers[side].databaseCleanup = cleanup;
  }
  log(loadAverage('after the builds', 2));

  log(`servers: node dist/src/server.js of each, as its own npm start runs it, on core ${SERVER_CORE}, LOG_LEVEL=${LOG_LEVEL}, logs to /dev/null, NODE_ENV=production`);
  for (const side of ['old', 'new'] as const) {
    servers[side].running = await startServer(
      { DATABASE_PATH: built[side].databasePath, LOG_LEVEL, NODE_ENV: 'production' },
      { core: SERVER_CORE, root: built[side].root },
    );
  }
  const origin = (side: Side) => servers[side].running!.origin;

  // Only requests both answer as expected are compared; the others are named. Each side's answers
  // are recorded for an empty Fastify route of its own to replay: where the two sides serve other
  // bytes (each serves the data of its own commit), the server's work is compared as its share of
  // what an empty route achieves on the very same bytes.
  const eligible = ENDPOINTS.filter((e) => !ONLY || e.name.includes(ONLY));
  const answers = {
    old: await recordAnswers(origin('old'), eligible, ref),
    new: await recordAnswers(origin('new'), eligible, 'the current checkout'),
  };
  const compared = answers.new.measured
    .map((now) => ({ now, old: answers.old.measured.find((m) => m.endpoint === now.endpoint) }))
    .filter((pair): pair is { now: Measured; old: Measured } => pair.old !== undefined);
  for (const side of ['old', 'new'] as const) {
    const keep = new Set(compared.map((pair) => pair[side === 'new' ? 'now' : 'old'].endpoint));
    const measured = answers[side].measured.filter((m) => keep.has(m.endpoint));
    const recorded = answers[side].recorded.filter((_, i) => keep.has(answers[side].measured[i]!.endpoint));
    servers[`${side}-fastify`].running = await startBaseline('fastify', recorded, scratch, measured, origin(side));
  }
  const originOf = (server: ServerName) => servers[server].running!.origin;

  loader = Wrk.start();
  const estimate = Math.round((compared.length * (WARM_UP_SECONDS * 4 + ROUNDS * 4 * SECONDS + COST_ROUNDS * SECONDS)) / 60);
  log(`load: wrk on core 1 (one thread), ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per request and server (old, new and the empty route of each), order alternating, after a ${WARM_UP_SECONDS} s warm-up each;`);
  log(`  then ${COST_ROUNDS} rounds of ${SECONDS} s with the four loaded at the same time (${CONNECTIONS} connections each), for processor time per request; about ${estimate} min`);

  const rows = [[
    'request', 'old bytes', 'new bytes', 'old req/s', 'new req/s', 'new/old', 'min–max', 'old p99 ms', 'new p99 ms', 'old × route', 'new × route',
    'old µs/req', 'new µs/req', 'cost new/old', 'min–max', 'errors', 'verdict',
  ]];
  const slower: string[] = [];
  const bigger: string[] = [];
  for (const { now, old } of compared) {
    const { endpoint, status } = now;
    const headersOf = (server: ServerName) => (server.startsWith('old') ? old.headers : now.headers);
    const options = (server: ServerName, duration: number) => ({ url: originOf(server) + endpoint.url, headers: headersOf(server), connections: CONNECTIONS, duration });
    for (const server of ORDER) await loader.run(options(server, WARM_UP_SECONDS));
    const rounds = Object.fromEntries(ORDER.map((server) => [server, [] as LoadResult[]])) as Record<ServerName, LoadResult[]>;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ORDER : [...ORDER].reverse();
      for (const server of order) rounds[server].push(await loader.run(options(server, SECONDS)));
    }
    const cost = Object.fromEntries(ORDER.map((server) => [server, [] as number[]])) as Record<ServerName, number[]>;
    let unexpected = 0;
    for (let round = 0; round < COST_ROUNDS; round++) {
      const together = await loadTogether(loader, ORDER.map((server) => ({ pid: servers[server].running!.child.pid!, options: options(server, SECONDS) })));
      ORDER.forEach((server, i) => {
        cost[server].push(together[i]!.usPerRequest);
        if (server === 'old' || server === 'new') unexpected += unexpectedResponses(together[i]!.result, status);
      });
    }
    const costRatios = cost.new.map((c, i) => c / cost.old[i]!);
    // The server's processor time per request over its empty route's, round by round.
    const overRoute = (side: Side) => cost[side].map((c, i) => c / cost[`${side}-fastify`][i]!);
    const rps = (server: ServerName) => rounds[server].map((r) => r.rps);
    const oldMedian = median(rps('old'));
    const newMedian = median(rps('new'));
    const ratios = rounds.new.map((r, i) => r.rps / rounds.old[i]!.rps);
    // The server's share of an empty route on its own bytes, round by round.
    const share = (side: Side) => rounds[side].map((r, i) => r.rps / rounds[`${side}-fastify`][i]!.rps);
    const p99 = (server: ServerName) => median(rounds[server].map((r) => r.latency.p99));
    const errors = [...rounds.old, ...rounds.new].reduce((sum, r) => sum + unexpectedResponses(r, status), 0) + unexpected;
    // Slower: more processor time per request in every round loaded together, and by more than
    // the tolerance in the median. Where the bodies differ, that alone says nothing about the
    // server: it is slower only if its cost over the empty route on its own bytes is also above
    // the old server's highest.
    const costlier = Math.min(...costRatios) > 1 && median(costRatios) > TOLERANCE;
    const sameBytes = old.bytes === now.bytes;
    const lessEfficient = median(overRoute('new')) > Math.max(...overRoute('old'));
    const verdict = !costlier ? 'same or faster' : sameBytes || lessEfficient ? 'SLOWER' : 'bigger answer, as efficient';
    if (verdict === 'SLOWER') slower.push(endpoint.name);
    if (verdict.startsWith('bigger')) bigger.push(endpoint.name);
    const row = [
      endpoint.name,
      String(old.bytes),
      String(now.bytes),
      oldMedian.toFixed(0),
      newMedian.toFixed(0),
      (newMedian / oldMedian).toFixed(2),
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
      p99('old').toFixed(1),
      p99('new').toFixed(1),
      median(share('old')).toFixed(2),
      median(share('new')).toFixed(2),
      median(cost.old).toFixed(1),
      median(cost.new).toFixed(1),
      median(costRatios).toFixed(3),
      `${Math.min(...costRatios).toFixed(2)}–${Math.max(...costRatios).toFixed(2)}`,
      String(errors),
      verdict,
    ];
    rows.push(row);
    log(`  ${endpoint.name}: old ${row[3]} req/s, new ${row[4]} (× ${row[5]}); of an empty route on the same bytes: old ${row[9]}, new ${row[10]}; processor time per request old ${row[11]} µs, new ${row[12]} (× ${row[13]})`);
  }

  log('');
  log(`req/s: medians over ${ROUNDS} rounds of ${SECONDS} s each, ${CONNECTIONS} connections; new/old: ratio of the medians, min–max of the ratio within each pair of rounds;`);
  log('bytes: the body each answers (each side serves the data seeded at its own commit, which may differ);');
  log("× route: the server's req/s as a share of an empty Fastify route replaying its own answers (same status, headers, bytes), median over the rounds;");
  log("p99: median of the rounds' p99; errors: failed connections, timeouts and other statuses, both servers;");
  log(`µs/req: processor time per request (all threads, from /proc/<pid>/task/*/schedstat), median over ${COST_ROUNDS} rounds with the four servers loaded at the same time on core 0; cost new/old: median of the rounds' ratios, and their min–max;`);
  log(`SLOWER: the new server spent more processor time per request than the old in every such round, and more than ${TOLERANCE} × in the median, with the same bytes, or with other bytes and a cost over its empty route above the old server's highest;`);
  log('bigger answer, as efficient: more processor time for a larger body, with the server as close to the empty route as before');
  log(table(rows));
  log('');
  log(
    slower.length === 0
      ? `compared with ${ref}: no request slower (${compared.length} compared)`
      : `compared with ${ref}: ${slower.length} of ${compared.length} slower: ${slower.join(', ')}`,
  );
  if (bigger.length > 0) log(`fewer requests per second for a larger answer, as efficient as before: ${bigger.join(', ')}`);
  log(loadAverage('at the end of the load', 2));
} finally {
  await loader?.stop();
  for (const server of ORDER) {
    await servers[server].running?.stop();
    servers[server].databaseCleanup?.();
  }
  cleanUp();
}
