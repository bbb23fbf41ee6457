import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LOAD_CORE, ROOT, track, type Loader, type LoadOptions, type LoadResult } from './lib.js';

const REPORT = join(ROOT, 'bench', 'wrk-report.lua');

/** What bench/wrk-report.lua prints: counts, and latencies in µs. */
interface WrkSummary {
  requests: number;
  us: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * wrk (Debian's package `wrk`), pinned to `core`, one thread, one request for a duration.
 *
 * The bench's rounds use it rather than autocannon because autocannon parses every answer in
 * JavaScript: pinned to one core it ran out of that core while the server still had time to
 * spare, so all three servers came out within a few percent of each other (`BENCH_LOADER=autocannon`
 * shows it; the README's Measuring section has the figures). wrk, in C, sends the same load with
 * about half of its core, and the server's core is the one that runs out. Its latencies are in microseconds, not whole
 * milliseconds. It tells answers of 400 or more apart from the rest, not one status from another:
 * each request's exact status and bytes are checked when they are recorded (bench/record.ts).
 */
export class Wrk implements Loader {
  private constructor(private readonly core: string) {}

  static start(core: string = LOAD_CORE): Wrk {
    if (spawnSync('wrk', ['-v']).error) throw new Error('wrk is missing: it is Debian\'s package wrk (apt-get install -y wrk)');
    return new Wrk(core);
  }

  run(options: LoadOptions): Promise<LoadResult> {
    if (options.requests || options.amount !== undefined || options.overallRate !== undefined) {
      return Promise.reject(new Error('wrk runs one request for a number of seconds: requests, amount and overallRate are autocannon\'s'));
    }
    const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
    const wrk = [
      '-t1', `-c${options.connections}`, `-d${Math.max(1, Math.round(options.duration ?? 1))}s`,
      '--timeout', `${options.timeout ?? 10}s`, '-s', REPORT, ...headers, options.url,
    ];
    // bash's `times` then prints the processor time wrk used: how busy the load generator was.
    const child = track(spawn('taskset', ['-c', this.core, 'bash', '-c', 'wrk "$@"; code=$?; times; exit $code', 'wrk', ...wrk], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        const lines = out.trim().split('\n');
        const line = lines.find((l) => l.startsWith('{"requests"'));
        if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${out.trim().slice(-500)}`));
        resolve({ ...toLoadResult(JSON.parse(line) as WrkSummary), loaderCpuSeconds: childrenTimes(lines.at(-1)!) });
      });
    });
  }

  async stop() {
    // Each run is a process of its own, ended with its run.
  }
}

/** The user and system time of bash's children, from the last line `times` prints ("0m1.250s 0m0.310s"). */
function childrenTimes(line: string): number | undefined {
  const times = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(([, minutes, seconds]) => Number(minutes) * 60 + Number(seconds));
  return times.length === 2 ? times[0]! + times[1]! : undefined;
}

function toLoadResult(s: WrkSummary): LoadResult {
  const seconds = s.us / 1e6;
  return {
    total: s.requests,
    seconds,
    rps: s.requests / seconds,
    latency: { p50: s.p50 / 1000, p90: s.p90 / 1000, p99: s.p99 / 1000, max: s.max / 1000 },
    errors: s.connect + s.read + s.write,
    timeouts: s.timeout,
    statuses: s.status > 0 ? { '400 or more': s.status } : {},
    failedStatus: s.status,
    unexpected: {},
    phases: {},
  };
}
