import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, IDLE_SECONDS, startCommand, startCommandLine } from './lib.js';

/**
 * `npm run bench:cold`: how fast `node dist/src/server.js` (what `npm start` runs) is ready, and
 * how small it stays. Prints the median, minimum and maximum of five cold starts to the first
 * `/health` 200, how long a bad store takes to exit 1, the resident set size 2 s after start and
 * once idle, whether the starts ran from the build's V8 code cache, and how fast the machine was
 * before and after; then each against its target. Standalone, so a larger bench can import
 * `coldStart` and print the same figures. Idle means IDLE_SECONDS (30) after the start without a
 * request (see lib.ts).
 */

const ROOT = join(import.meta.dirname, '..');
const SERVER = join(ROOT, 'dist', 'src', 'server.js');

const START = startCommand();
/** BENCH_COLD_NODE_OPTIONS: node options added to `npm start`'s, to measure what one changes. */
const EXTRA_OPTIONS = (process.env.BENCH_COLD_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
/** Issue 10's targets. */
const TARGET = { startMs: 300, badStoreMs: 300, idleRssMiB: 64 };

export interface ColdStartFigures {
  runs: number[];
  /** Processor time the server used until it was ready (Linux), per run: unlike wall time, not inflated by other load. */
  cpu: (number | null)[];
  median: number;
  min: number;
  max: number;
  badStoreExit: { ms: number; code: number | null; stderr: string };
  /** Resident set size of the last start, 2 s after it was ready and after IDLE_SECONDS without a request. */
  rssMiB: { started: number | null; idle: number | null };
  /** Whether the starts ran from the build's V8 code cache: the server says on stderr when V8 refused it. */
  codeCache: 'used' | 'refused' | 'none built';
  /** Milliseconds a fixed loop took on the server's core, before the starts and after: how fast the machine was. */
  fixedLoopMs: { before: number[]; after: number[] };
}

/** A loop of 2 × 10⁸ additions on the server's core, three times: its time shows how fast the machine is at the moment. */
function fixedLoop(): number[] {
  const [file, args] = command(['-e', 'let x = 0; const t = process.hrtime.bigint(); for (let i = 0; i < 2e8; i++) x = (x + i) | 0; console.log(Number(process.hrtime.bigint() - t) / 1e6)']);
  return [1, 2, 3].map(() => Number(execFileSync(file, args).toString().trim()));
}


function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** With `taskset` (util-linux) the server runs on one core, as in the pinned throughput bench. */
function command(args: string[]): [string, string[]] {
  const pin = process.env.COLD_START_CPU ?? '0';
  const hasTaskset = pin !== '' && existsSync('/usr/bin/taskset');
  return hasTaskset ? ['/usr/bin/taskset', ['-c', pin, process.execPath, ...args]] : [process.execPath, args];
}

function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function residentMiB(pid: number): number | null {
  try {
    const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kib) ? kib / 1024 : null;
  } catch {
    return null;
  }
}

/** One start: spawn, ask /health until it answers 200, and return the milliseconds it took. */
async function oneStart(databasePath: string, keep: boolean): Promise<{ ms: number; cpu: number | null; stop: () => Promise<void>; pid: number; stderr: () => string }> {
  const port = await freePort();
  const [file, args] = command([...START.options, ...EXTRA_OPTIONS, SERVER]);
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, ...START.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before /health answered`);
    if ((await healthStatus(port)) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const ms = performance.now() - started;
  const cpu = cpuMs(child.pid!);
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  if (!keep) await stop();
  return { ms, cpu, stop, pid: child.pid!, stderr: () => stderr };
}

async function badStoreExit(dir: string): Promise<ColdStartFigures['badStoreExit']> {
  const path = join(dir, 'not-a-store.sqlite');
  writeFileSync(path, 'figures, but not a database\n'.repeat(200));
  const [file, args] = command([...START.options, ...EXTRA_OPTIONS, SERVER]);
  const started = performance.now();
  const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...START.env, DATABASE_PATH: path }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { ms: performance.now() - started, code, stderr: stderr.trim() };
}

export async function coldStart(options: { runs?: number; build?: boolean } = {}): Promise<ColdStartFigures> {
  if (options.build ?? true) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'ind-cold-'));
  try {
    const databasePath = join(dir, 'ind.sqlite');
    let lastRun: Awaited<ReturnType<typeof oneStart>> | undefined;
    execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'seed.js')], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath } });
    const before = fixedLoop();
    const runs: number[] = [];
    const cpu: (number | null)[] = [];
    let refused = false;
    const count = options.runs ?? 5;
    for (let i = 0; i < count; i++) {
      // The last one stays up a moment, idle, to be weighed.
      const last = i === count - 1;
      const run = await oneStart(databasePath, last);
      runs.push(run.ms);
      cpu.push(run.cpu);
      refused ||= run.stderr().includes('code cache');
      if (last) lastRun = run;
    }
    const last = lastRun!;
    const readyAt = performance.now();
    const after = (seconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, readyAt + seconds * 1000 - performance.now())));
    await after(2);
    const started = residentMiB(last.pid);
    await after(IDLE_SECONDS);
    const idle = residentMiB(last.pid);
    await last.stop();
    const sorted = [...runs].sort((a, b) => a - b);
    return {
      runs,
      cpu,
      median: sorted[Math.floor(sorted.length / 2)]!,
      min: sorted[0]!,
      max: sorted[sorted.length - 1]!,
      badStoreExit: await badStoreExit(dir),
      rssMiB: { started, idle },
      codeCache: refused ? 'refused' : existsSync(join(ROOT, 'dist', 'src', 'server-bundle.v8-cache')) ? 'used' : 'none built',
      fixedLoopMs: { before, after: fixedLoop() },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const f = await coldStart();
  console.log(`as npm start runs it: ${startCommandLine()}${EXTRA_OPTIONS.length > 0 ? `, with ${EXTRA_OPTIONS.join(' ')} added (BENCH_COLD_NODE_OPTIONS)` : ''}`);
  console.log(`cold start to first /health 200 (${f.runs.length} runs${existsSync('/usr/bin/taskset') ? ', server on core 0' : ''}): median ${ms(f.median)}, min ${ms(f.min)}, max ${ms(f.max)}  [${f.runs.map(ms).join(', ')}]`);
  console.log(`processor time until ready: ${f.cpu.map((c) => (c === null ? '?' : ms(c))).join(', ')}`);
  console.log(`bad store: exit ${f.badStoreExit.code} after ${ms(f.badStoreExit.ms)}: ${f.badStoreExit.stderr}`);
  const mib = (n: number | null) => (n === null ? 'unknown (no /proc)' : `${n.toFixed(1)} MiB`);
  console.log(`RSS: ${mib(f.rssMiB.started)} 2 s after start, ${mib(f.rssMiB.idle)} idle (${IDLE_SECONDS} s after start, no request)`);
  console.log(`V8 code cache: ${f.codeCache}`);
  console.log(`machine speed, a fixed loop of 2 × 10⁸ additions on the server's core: ${f.fixedLoopMs.before.map(ms).join(', ')} before the starts, ${f.fixedLoopMs.after.map(ms).join(', ')} after`);
  const verdict = (met: boolean) => (met ? 'PASS' : 'MISS');
  console.log(
    `targets: cold start median ≤ ${TARGET.startMs} ms ${verdict(f.median <= TARGET.startMs)}; ` +
      `bad store exit 1 in ≤ ${TARGET.badStoreMs} ms ${verdict(f.badStoreExit.code === 1 && f.badStoreExit.ms <= TARGET.badStoreMs)}; ` +
      `idle RSS ≤ ${TARGET.idleRssMiB} MiB ${verdict(f.rssMiB.idle !== null && f.rssMiB.idle <= TARGET.idleRssMiB)}`,
  );
}
