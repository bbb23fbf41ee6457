/**
 * Start-up as a scale-to-zero platform sees it: from spawning `node dist/src/server.js` to the first
 * /health 200, and how long a store that is not SQLite takes to end the process with exit 1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exited, freePort, median, spawnNode, statusOf, waitFor } from './lib.js';

export interface ColdStart {
  runs: number[];
  median: number;
}

/** Median of `runs` starts, each from spawn to the first /health 200, pinned to `core`. */
export async function coldStart(databasePath: string, core: string | undefined, runs = 5): Promise<ColdStart> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const child = spawnNode('dist/src/server.js', [], {
      env: { HOST: '127.0.0.1', PORT: String(port), DATABASE_PATH: databasePath, LOG_LEVEL: 'info', NODE_ENV: 'production' },
      core,
    });
    child.stderr?.resume();
    try {
      await waitFor('the first /health 200', async () => {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
        return (await statusOf(`${origin}/health`)) === 200 ? true : undefined;
      }, 20_000, 2);
      times.push(performance.now() - started);
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  }
  return { runs: times, median: median(times) };
}

export interface BadStore {
  runs: number[];
  median: number;
  codes: (number | null)[];
  /** The first line on stderr, and how many lines there were. */
  line: string;
  lines: number;
}

/** Median of `runs` starts against a file that is not a SQLite database: time to exit, its code and message. */
export async function badStoreExit(dir: string, core: string | undefined, runs = 5): Promise<BadStore> {
  const path = join(dir, 'not-a-store.sqlite');
  writeFileSync(path, 'this is not a SQLite database\n'.repeat(200));
  const times: number[] = [];
  const codes: (number | null)[] = [];
  let line = '';
  let lines = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const child = spawnNode('dist/src/server.js', [], {
      env: { HOST: '127.0.0.1', PORT: String(await freePort()), DATABASE_PATH: path, LOG_LEVEL: 'info', NODE_ENV: 'production' },
      core,
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    codes.push(await exited(child));
    clearTimeout(timer);
    times.push(performance.now() - started);
    const all = stderr.trim().split('\n').filter(Boolean);
    line = all[0] ?? '';
    lines = all.length;
  }
  return { runs: times, median: median(times), codes, line, lines };
}
