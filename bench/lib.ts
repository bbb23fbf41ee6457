import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCommand as startCommandOf } from '../scripts/start-command.mjs';

export const ROOT = join(import.meta.dirname, '..');

/** The server under test runs on one core, the load generator on the other. */
export const SERVER_CORE = '0';
export const LOAD_CORE = '1';

export function log(line: string) {
  process.stdout.write(`${line}\n`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Every child process started here, so an interrupted run leaves none behind.
const children = new Set<ChildProcess>();

/** Registers a child so it is killed when this process exits or is interrupted. */
export function track(child: ChildProcess) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function killChildren(signal: NodeJS.Signals = 'SIGKILL') {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

// Temporary folders to remove when a run is interrupted.
const interruptedCleanups: (() => void)[] = [];

/** Runs `cleanup` too when the run is interrupted by a signal. */
export function cleanUpOnInterrupt(cleanup: () => void) {
  interruptedCleanups.push(cleanup);
}

process.once('exit', () => killChildren());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping`);
    killChildren();
    for (const cleanup of interruptedCleanups) cleanup();
    process.exit(130);
  });
}

/** Fails early, with the way out, when pinning is impossible here. */
export function requirePinning() {
  if (spawnSync('taskset', ['-V']).error) throw new Error('taskset is missing: it is in Debian\'s util-linux (apt-get install -y util-linux)');
  if (availableParallelism() < 2) throw new Error('the bench pins the server and the load generator to two different cores: this machine has fewer');
}

/** Spawns `node script …` pinned to a core (with `taskset -c`), or unpinned when `core` is undefined. */
export function spawnNode(
  script: string,
  args: string[],
  options: { env: Record<string, string>; core?: string; stdout?: 'ignore' | string; ipc?: boolean; cwd?: string; nodeOptions?: string[] },
): ChildProcess {
  const nodeArgs = [...(options.nodeOptions ?? []), script, ...args];
  const command = options.core === undefined ? process.execPath : 'taskset';
  const argv = options.core === undefined ? nodeArgs : ['-c', options.core, process.execPath, ...nodeArgs];
  const stdout = options.stdout === undefined || options.stdout === 'ignore' ? 'ignore' : openSync(options.stdout, 'a');
  return track(
    spawn(command, argv, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: options.ipc ? ['ignore', stdout, 'inherit', 'ipc'] : ['ignore', stdout, 'pipe'],
    }),
  );
}

/** How `npm start` runs the server in `root` (scripts/start-command.mjs reads package.json's `start` script). */
export function startCommand(root = ROOT): ReturnType<typeof startCommandOf> {
  return startCommandOf(root);
}
/** `npm start`'s command line in `root`, as the bench reports print it. */
export function startCommandLine(root = ROOT): string {
  const { env, options } = startCommand(root);
  return [...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'node', ...options, 'dist/src/server.js'].join(' ');
}

/**
 * Starts `dist/src/server.js` of `root` as its `npm start` runs it, ready at its first `/health`
 * 200: the start script's environment (under `env`), and its node options as arguments, not in
 * NODE_OPTIONS, which refuses some V8 options (`--heap-growing-percent` among them).
 */
export function startServer(
  env: Record<string, string>,
  options: { root?: string; core?: string; port?: number; stdout?: string } = {},
): Promise<Running> {
  const root = options.root ?? ROOT;
  const start = startCommand(root);
  return startNode('dist/src/server.js', [], { ...start.env, ...env }, '/health', {
    core: options.core, port: options.port, stdout: options.stdout, cwd: root, nodeOptions: start.options,
  });
}

/** `npm run build` in `root`, then a store seeded into a temporary folder (removed by `cleanup`). */
export function buildAndSeed(root = ROOT): { databasePath: string; dir: string; cleanup: () => void } {
  log(`$ npm run build${root === ROOT ? '' : ` (in ${root})`}`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(join(root, 'dist/src/cli/seed.js'))) throw new Error(`the build in ${root} made no dist/src/cli/seed.js to seed a store with`);
  const dir = mkdtempSync(join(tmpdir(), 'ind-bench-'));
  const databasePath = join(dir, 'ind.sqlite');
  const out = execFileSync(process.execPath, ['dist/src/cli/seed.js'], { cwd: root, env: { ...process.env, DATABASE_PATH: databasePath } });
  log(`$ node dist/src/cli/seed.js → ${out.toString().trim()}`);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  interruptedCleanups.push(cleanup);
  return { databasePath, dir, cleanup };
}

export const git = (args: string[], cwd = ROOT) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** The commit `ref` names in this repository; exits with a message when it names none. */
export function commitOf(ref: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    process.stderr.write(`${ref} is not a commit of this repository\n`);
    process.exit(2);
  }
}

/**
 * A commit checked out into a temporary git worktree. `install` adds the worktree and its
 * node_modules (the current ones hard-linked when both package-lock.json files are the same, else
 * `npm ci`) and returns its folder; `remove` takes it all away again.
 */
export function checkoutOf(commit: string): { install: () => string; remove: () => void } {
  const scratch = mkdtempSync(join(tmpdir(), 'ind-checkout-'));
  const tree = join(scratch, 'tree');
  let added = false;
  return {
    install() {
      log(`$ git worktree add --detach ${tree} ${commit.slice(0, 12)}`);
      execFileSync('git', ['worktree', 'add', '--detach', tree, commit], { cwd: ROOT, stdio: 'ignore' });
      added = true;
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
      return tree;
    },
    remove() {
      if (added) {
        try {
          execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
        } catch {
          // Removed by hand below; prune forgets it.
        }
        added = false;
      }
      rmSync(scratch, { recursive: true, force: true });
      try {
        execFileSync('git', ['worktree', 'prune'], { cwd: ROOT, stdio: 'ignore' });
      } catch {
        // Nothing to prune.
      }
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Polls `check` every `everyMs` until it returns a value other than undefined; gives up after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 20): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** The status of a GET, or undefined while nothing listens. */
export async function statusOf(url: string, headers: Record<string, string> = {}): Promise<number | undefined> {
  try {
    const res = await fetch(url, { headers: { 'accept-encoding': 'identity', ...headers } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}

export interface Running {
  child: ChildProcess;
  origin: string;
  port: number;
  /** SIGTERM, then the exit code (SIGKILL after 15 s). */
  stop: () => Promise<number | null>;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

/** Starts a node script on a loopback port and waits until `readyPath` answers 2xx (any status with `anyStatus`). */
export async function startNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyPath: string,
  options: { core?: string; port?: number; stdout?: string; anyStatus?: boolean; cwd?: string; nodeOptions?: string[] } = {},
): Promise<Running> {
  const port = options.port ?? (await freePort());
  const child = spawnNode(script, args, {
    env: { HOST: '127.0.0.1', PORT: String(port), ...env }, core: options.core, stdout: options.stdout, cwd: options.cwd, nodeOptions: options.nodeOptions,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${script} on port ${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}: ${stderr.trim()}`);
    const status = await statusOf(origin + readyPath);
    return status !== undefined && (options.anyStatus || status < 300) ? true : undefined;
  }, 60_000);
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    const code = await exited(child);
    clearTimeout(timer);
    return code;
  };
  return { child, origin, port, stop };
}

/**
 * How long a server is left without a request before its RSS counts as idle: BENCH_IDLE_SECONDS
 * (30). Some 10 s after start-up's work ends, V8 gives back the heap start-up grew and left (its
 * memory reducer); the RSS of the first seconds still holds it.
 */
export const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/**
 * Processor time a process has used so far, in nanoseconds: the sum over its threads of the
 * scheduler's own count (/proc/<pid>/task/<tid>/schedstat, Linux). It is exact to the nanosecond,
 * where /proc/<pid>/stat counts in ticks of 10 ms. A thread that has ended is no longer counted,
 * so take it around load that starts and ends no thread.
 */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return total;
}

export interface LoadRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The status this request must get; any other counts as unexpected. */
  expect?: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds to load for; or, with `amount`, stop after that many requests instead. */
  duration?: number;
  amount?: number;
  headers?: Record<string, string>;
  requests?: LoadRequest[];
  /** Requests per second over all connections; unset, as many as the server answers. */
  overallRate?: number;
  timeout?: number;
}

export interface PhaseLatency {
  requests: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  total: number;
  seconds: number;
  rps: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** Responses with a status of 400 or more. */
  failedStatus: number;
  unexpected: Record<string, number>;
  phases: Record<string, PhaseLatency>;
  /** Processor time the load generator used for this run, where it can tell (wrk). */
  loaderCpuSeconds?: number;
}

/** Runs loads and sums them up: autocannon here (LoadGenerator), or wrk (bench/wrk.ts). */
export interface Loader {
  run(options: LoadOptions): Promise<LoadResult>;
  stop(): Promise<void>;
  /** The process that runs every load, when there is one (autocannon's); wrk starts one per run. */
  readonly pid?: number;
}

/**
 * autocannon in a process of its own (bench/load-worker.mjs), pinned to `core`, driven over IPC:
 * the load generator never competes with the server for its core.
 */
export class LoadGenerator implements Loader {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { type: string; id: number; result?: LoadResult; message?: string }) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.type === 'result') waiting.resolve(message.result!);
      else waiting.reject(new Error(message.message));
    });
    child.once('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`the load generator exited with ${code}`));
      this.pending.clear();
    });
  }

  static start(core: string | undefined = LOAD_CORE): LoadGenerator {
    return new LoadGenerator(spawnNode('bench/load-worker.mjs', [], { env: {}, core, ipc: true }));
  }

  get pid() {
    return this.child.pid!;
  }

  run(options: LoadOptions, trackPhases = false): Promise<LoadResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ type: 'run', id, options, trackPhases });
    });
  }

  /** Responses from now on count toward the latency of phase `name` (runs with trackPhases). */
  phase(name: string) {
    this.child.send({ type: 'phase', name });
  }

  async stop() {
    if (this.child.connected) this.child.disconnect();
    await exited(this.child);
  }
}

/**
 * Loads several servers at the same time, each with its own options, and gives each one's
 * processor time per request (µs) beside its load result. Pinned to the same core, the servers
 * take turns on it at the machine's speed of the moment, so their costs are compared at the
 * same moments; back-to-back rounds are seconds apart, and the speed drifts within seconds here.
 */
export async function loadTogether(loader: Loader, runs: { pid: number; options: LoadOptions }[]): Promise<{ usPerRequest: number; result: LoadResult }[]> {
  const before = runs.map(({ pid }) => cpuNs(pid));
  const results = await Promise.all(runs.map(({ options }) => loader.run(options)));
  return runs.map(({ pid }, i) => ({ usPerRequest: (cpuNs(pid) - before[i]!) / 1000 / Math.max(1, results[i]!.total), result: results[i]! }));
}

/** The load of every round: BENCH_CONNECTIONS (50), BENCH_SECONDS (2), BENCH_ROUNDS (5, at least 3). */
export const LOAD = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  seconds: Number(process.env.BENCH_SECONDS ?? 2),
  rounds: Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5)),
  warmUpSeconds: 1,
};

/** Requests of a run that failed, timed out or got another status than `status`. */
export const unexpectedResponses = (r: LoadResult, status: number) =>
  r.errors + r.timeouts + Object.entries(r.statuses).reduce((sum, [s, n]) => (Number(s) === status ? sum : sum + n), 0);

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Cores, CPU model, Node version and date: what a figure needs to be read. */
export function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `machine: ${availableParallelism()} cores, ${model}, Node ${process.version}, ${process.platform} ${process.arch}; date: ${new Date().toISOString()}`;
}

/**
 * The load average: anything else running on the machine competes for the pinned cores too.
 * `own` is how much of it this run accounts for (the build just before, or the server and the
 * load generator during the load); a clear excess means the figures measure that competition.
 */
export function loadAverage(when: string, own: number): string {
  const [one, five] = loadavg();
  const busy = one! > own + 1 ? ' — other processes are using the machine: these figures are not representative of it' : '';
  return `load average ${when}: ${one!.toFixed(2)} (1 min), ${five!.toFixed(2)} (5 min) on ${availableParallelism()} cores${busy}`;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}
