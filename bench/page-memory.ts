/**
 * `npm run bench:pages [-- <git-ref>]`: the memory the server keeps once it has drawn every page
 * of the explorer, in both languages, and written the Turtle catalog, as a crawler going through
 * the site would have it do. These answers load the largest libraries (Apache ECharts; jsonld
 * and n3), which run in the offload worker (src/offload) and give their memory back when it ends.
 *
 * The built server is started as `npm start` runs it, on core 0, on a store seeded for the run.
 * RSS is read 1 s after start-up, right after the last answer, and once the threads started for
 * the answers have ended (the offload worker). With a git ref, the commit is built
 * in a worktree of its own and measured the same way, in alternating rounds (ref, current,
 * current, ref).
 */
import { readdirSync } from 'node:fs';
import {
  buildAndSeed, checkoutOf, cleanUpOnInterrupt, commitOf, git, log, machine, loadAverage, requirePinning, ROOT, rssMiB, SERVER_CORE, sleep, startServer, table, waitFor,
} from './lib.js';

const ref = process.argv[2];
const threadsOf = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

interface Figures {
  idle: number;
  afterPages: number;
  settled: number;
  /** How long after the last answer the extra threads had ended. */
  settledAfterMs: number;
  answers: number;
}

async function measure(root: string, databasePath: string): Promise<Figures> {
  const server = await startServer({ DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production' }, { root, core: SERVER_CORE });
  try {
    const pid = server.child.pid!;
    await sleep(1000);
    const idle = rssMiB(pid);
    const idleThreads = threadsOf(pid);
    const tables = ((await (await fetch(`${server.origin}/v1/tables`)).json()) as { data: { id: string }[] }).data;
    const requests: [string, Record<string, string>][] = [];
    for (const lang of ['en', 'nl']) {
      for (const path of ['/', ...tables.map((t) => `/tables/${t.id}`)]) requests.push([path, { accept: 'text/html', 'accept-language': lang }]);
    }
    requests.push(['/v1/catalog', { accept: 'text/turtle' }]);
    for (const [path, headers] of requests) {
      const res = await fetch(server.origin + path, { headers: { 'accept-encoding': 'identity', ...headers } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} (${JSON.stringify(headers)}) answered ${res.status}`);
    }
    const afterPages = rssMiB(pid);
    const answered = Date.now();
    // Threads started for the answers (the offload worker's) end; others (libuv's pool, say) may stay.
    const busyThreads = threadsOf(pid);
    if (busyThreads > idleThreads) await waitFor('the offload worker to end', async () => (threadsOf(pid) < busyThreads ? true : undefined), 30_000, 100);
    return { idle, afterPages, settled: rssMiB(pid), settledAfterMs: Date.now() - answered, answers: requests.length };
  } finally {
    await server.stop();
  }
}

requirePinning();
log(machine());
log(loadAverage('at the start', 1));
const sides: { name: string; root: string; databasePath: string; cleanup: () => void }[] = [];
const other = ref ? checkoutOf(commitOf(ref)) : undefined;
const cleanUp = () => {
  for (const side of sides) side.cleanup();
  other?.remove();
};
cleanUpOnInterrupt(cleanUp);
try {
  if (other) {
    const root = other.install();
    sides.push({ name: `${ref} (${git(['log', '-1', '--format=%h'], root)})`, root, ...buildAndSeed(root) });
  }
  sides.push({ name: `current (${git(['log', '-1', '--format=%h'])})`, root: ROOT, ...buildAndSeed() });
  const order = sides.length === 2 ? [0, 1, 1, 0] : [0, 0];
  const rows = [['checkout', 'idle MiB', 'after the pages MiB', 'their threads ended MiB', 'after s']];
  let answers = 0;
  for (const i of order) {
    const side = sides[i]!;
    const f = await measure(side.root, side.databasePath);
    answers = f.answers;
    rows.push([side.name, f.idle.toFixed(1), f.afterPages.toFixed(1), f.settled.toFixed(1), (f.settledAfterMs / 1000).toFixed(1)]);
  }
  log(`RSS of the server (as npm start runs it, on core ${SERVER_CORE}): 1 s after start-up; after ${answers} answers, one by one (the front page and every table page in English and Dutch, and the Turtle catalog); once the threads started for them have ended`);
  log(table(rows));
  log(loadAverage('at the end', 1));
} finally {
  cleanUp();
}
