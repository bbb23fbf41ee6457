/**
 * `npm run bench:compare -- <git-ref>`: is any endpoint slower than at <git-ref>?
 *
 * The ref is checked out into a temporary git worktree, installed (the current node_modules
 * hard-linked when both package-lock.json files are the same, else `npm ci`), built and seeded
 * with its own commands; the current checkout is built and seeded the same way. Both servers run
 * on core 0, autocannon on core 1. For every request of bench/endpoints.ts that both answer as
 * expected, the two are loaded in alternating rounds (old new, new old, old new …), so a slow
 * spell of the machine does not land on one of them only. A request is SLOWER when the median of
 * the current server is below the slowest round of the old one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import {
  buildAndSeed, cleanUpOnInterrupt, LOAD, LoadGenerator, loadAverage, log, machine, median, requirePinning, ROOT, SERVER_CORE, startNode, table, unexpectedResponses,
  type LoadResult, type Running,
} from './lib.js';

const { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, warmUpSeconds: WARM_UP_SECONDS } = LOAD;
const LOG_LEVEL = 'info';
const ONLY = process.env.BENCH_ONLY;

const ref = process.argv[2];
if (!ref || ref.startsWith('-')) {
  process.stderr.write('usage: npm run bench:compare -- <git-ref>   (a commit, branch or tag to compare the current checkout with)\n');
  process.exit(2);
}

const git = (args: string[], cwd = ROOT) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

let commit: string;
try {
  commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
} catch {
  process.stderr.write(`${ref} is not a commit of this repository\n`);
  process.exit(2);
}

type Side = 'old' | 'new';

interface Server {
  running?: Running;
  databaseCleanup?: () => void;
}

/** The status a request gets, with the If-None-Match of a first answer for a revalidation. */
async function answer(origin: string, endpoint: Endpoint): Promise<{ status: number; headers: Record<string, string>; bytes: number }> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...endpoint.headers };
  const first = await fetch(origin + endpoint.url, { headers });
  const bytes = (await first.arrayBuffer()).byteLength;
  const etag = first.headers.get('etag');
  if (!endpoint.revalidate || first.status !== 200 || !etag) return { status: first.status, headers: { ...endpoint.headers }, bytes };
  const again = await fetch(origin + endpoint.url, { headers: { ...headers, 'if-none-match': etag } });
  const revalidated = (await again.arrayBuffer()).byteLength;
  return { status: again.status, headers: { ...endpoint.headers, 'if-none-match': etag }, bytes: revalidated };
}

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
log(`command: npm run bench:compare -- ${ref} (BENCH_SECONDS=${SECONDS} BENCH_ROUNDS=${ROUNDS} BENCH_CONNECTIONS=${CONNECTIONS}${ONLY ? ` BENCH_ONLY=${ONLY}` : ''})`);
log(`old: ${ref} = ${git(['log', '-1', '--format=%h %s', commit])}`);
const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
log(`new: the current checkout, ${git(['log', '-1', '--format=%h %s'])}${dirty ? ' (with uncommitted changes)' : ''}`);

const scratch = mkdtempSync(join(tmpdir(), 'ind-compare-'));
const tree = join(scratch, 'tree');
let worktreeAdded = false;
const removeWorktree = () => {
  if (worktreeAdded) {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      // Removed by hand below; prune forgets it.
    }
    worktreeAdded = false;
  }
  rmSync(scratch, { recursive: true, force: true });
  try {
    execFileSync('git', ['worktree', 'prune'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    // Nothing to prune.
  }
};
cleanUpOnInterrupt(removeWorktree);

const servers: Record<Side, Server> = { old: {}, new: {} };
let loader: LoadGenerator | undefined;
try {
  log(`$ git worktree add --detach ${tree} ${commit.slice(0, 12)}`);
  execFileSync('git', ['worktree', 'add', '--detach', tree, commit], { cwd: ROOT, stdio: 'ignore' });
  worktreeAdded = true;

  const lock = (dir: string) => (existsSync(join(dir, 'package-lock.json')) ? readFileSync(join(dir, 'package-lock.json'), 'utf8') : undefined);
  if (lock(tree) !== undefined && lock(tree) === lock(ROOT) && existsSync(join(ROOT, 'node_modules'))) {
    // The same lock file installs the same tree: hard links cost no copying, and the build writes only dist.
    log('$ cp -al node_modules (package-lock.json is the same at both)');
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(tree, 'node_modules')]);
  } else {
    log('$ npm ci (package-lock.json differs)');
    const out = execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    log(`  ${out.trim().split('\n').at(-1)}`);
  }

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

  log(`servers: node dist/src/server.js of each on core ${SERVER_CORE}, LOG_LEVEL=${LOG_LEVEL}, logs to /dev/null, NODE_ENV=production`);
  for (const side of ['old', 'new'] as const) {
    servers[side].running = await startNode(
      'dist/src/server.js',
      [],
      { DATABASE_PATH: built[side].databasePath, LOG_LEVEL, NODE_ENV: 'production' },
      '/health',
      { core: SERVER_CORE, cwd: built[side].root },
    );
  }
  const origin = (side: Side) => servers[side].running!.origin;

  // Only requests both answer as expected are compared; the others are named.
  const compared: { endpoint: Endpoint; headers: Record<Side, Record<string, string>>; bytes: Record<Side, number>; status: number }[] = [];
  for (const endpoint of ENDPOINTS.filter((e) => !ONLY || e.name.includes(ONLY))) {
    const expected = endpoint.revalidate ? 304 : 200;
    const old = await answer(origin('old'), endpoint);
    const now = await answer(origin('new'), endpoint);
    if (old.status !== expected) {
      log(`skip ${endpoint.name} (${endpoint.url}): ${ref} answers ${old.status}, not ${expected}`);
    } else if (now.status !== expected) {
      log(`skip ${endpoint.name} (${endpoint.url}): the current checkout answers ${now.status}, not ${expected}`);
    } else {
      compared.push({ endpoint, headers: { old: old.headers, new: now.headers }, bytes: { old: old.bytes, new: now.bytes }, status: expected });
    }
  }

  loader = LoadGenerator.start();
  const estimate = Math.round((compared.length * (WARM_UP_SECONDS * 2 + ROUNDS * 2 * SECONDS)) / 60);
  log(`load: autocannon on core 1, ${CONNECTIONS} connections, ${ROUNDS} pairs of ${SECONDS} s rounds per request (old new, new old, …) after a ${WARM_UP_SECONDS} s warm-up each; about ${estimate} min`);

  const rows = [['request', 'old bytes', 'new bytes', 'old req/s', 'new req/s', 'new/old', 'min–max', 'old p99 ms', 'new p99 ms', 'errors', 'verdict']];
  const slower: string[] = [];
  for (const { endpoint, headers, bytes, status } of compared) {
    const options = (side: Side, duration: number) => ({ url: origin(side) + endpoint.url, headers: headers[side], connections: CONNECTIONS, duration });
    for (const side of ['old', 'new'] as const) await loader.run(options(side, WARM_UP_SECONDS));
    const rounds: Record<Side, LoadResult[]> = { old: [], new: [] };
    for (let pair = 0; pair < ROUNDS; pair++) {
      const order: Side[] = pair % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
      for (const side of order) rounds[side].push(await loader.run(options(side, SECONDS)));
    }
    const rps = (side: Side) => rounds[side].map((r) => r.rps);
    const oldMedian = median(rps('old'));
    const newMedian = median(rps('new'));
    const ratios = rounds.new.map((r, i) => r.rps / rounds.old[i]!.rps);
    const p99 = (side: Side) => median(rounds[side].map((r) => r.latency.p99));
    const errors = [...rounds.old, ...rounds.new].reduce((sum, r) => sum + unexpectedResponses(r, status), 0);
    const isSlower = newMedian < Math.min(...rps('old'));
    if (isSlower) slower.push(endpoint.name);
    const row = [
      endpoint.name,
      String(bytes.old),
      String(bytes.new),
      oldMedian.toFixed(0),
      newMedian.toFixed(0),
      (newMedian / oldMedian).toFixed(2),
      `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
      p99('old').toFixed(1),
      p99('new').toFixed(1),
      String(errors),
      isSlower ? 'SLOWER' : 'same or faster',
    ];
    rows.push(row);
    log(`  ${endpoint.name}: old ${row[3]} req/s, new ${row[4]} (× ${row[5]})`);
  }

  log('');
  log(`req/s: medians over ${ROUNDS} rounds of ${SECONDS} s each, ${CONNECTIONS} connections; new/old: ratio of the medians, min–max of the ratio within each pair of rounds;`);
  log('bytes: the body each answers (each side serves the data seeded at its own commit, which may differ);');
  log("p99: median of the rounds' p99; errors: failed connections, timeouts and other statuses, both servers; SLOWER: the new median is below the old server's slowest round");
  log(table(rows));
  log('');
  log(
    slower.length === 0
      ? `compared with ${ref}: no request slower (${compared.length} compared)`
      : `compared with ${ref}: ${slower.length} of ${compared.length} slower: ${slower.join(', ')}`,
  );
  log(loadAverage('at the end of the load', 2));
} finally {
  await loader?.stop();
  for (const side of ['old', 'new'] as const) {
    await servers[side].running?.stop();
    servers[side].databaseCleanup?.();
  }
  removeWorktree();
}
