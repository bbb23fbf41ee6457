import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedFiles } from '../src/seed/build-database.js';
import { storeKey } from './helpers/global-setup.js';

const ROOT = join(import.meta.dirname, '..');

/** A copy of the store the run built from the seed files. */
const seededStore = (path: string) => copyFileSync(inject('seededStores')[storeKey(seedFiles())]!, path);

/** The real entry point in its own process, as `npm start` runs it (through tsx, without a build). */
function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves once the process has written a line matching `pattern` to stdout. */
function printed(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    const look = (d: Buffer) => {
      seen += d;
      if (pattern.test(seen)) {
        child.stdout!.off('data', look);
        resolve();
      }
    };
    child.stdout!.on('data', look);
  });
}

function listeningPort(child: ChildProcess, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      seen += d;
      const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
}

describe('start-up refuses a store it cannot use', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string][] = [
    ['a missing file', () => join(dir, 'missing.sqlite')],
    ['a directory', () => {
      const path = join(dir, 'a-directory');
      mkdirSync(path);
      return path;
    }],
    ['a file that is not a database', () => {
      const path = join(dir, 'text.sqlite');
      writeFileSync(path, 'figures, but not a database\n'.repeat(200));
      return path;
    }],
    ['a database without our tables', () => {
      const path = join(dir, 'other.sqlite');
      const db = new Database(path);
      db.exec('create table t (x)');
      db.close();
      return path;
    }],
    ['a truncated store', () => {
      const full = join(dir, 'full.sqlite');
      seededStore(full);
      const path = join(dir, 'truncated.sqlite');
      writeFileSync(path, readFileSync(full).subarray(0, 24_576));
      return path;
    }],
    ['a store with damaged pages', () => {
      const path = join(dir, 'damaged.sqlite');
      seededStore(path);
      const bytes = readFileSync(path);
      for (let i = 8192; i < bytes.length; i += 97) bytes[i] = (bytes[i]! + 101) % 256;
      writeFileSync(path, bytes);
      return path;
    }],
  ];

  for (const [what, make] of cases) {
    it(`exits 1 with one line naming the path for ${what}`, async () => {
      const path = make();
      const { code, stdout, stderr } = await finished(startServer({ DATABASE_PATH: path }));
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ind-statistics-api: cannot (open|use) database /);
      expect(lines[0]).toContain(path);
      expect(stdout).not.toMatch(/listening/);
    });
  }

  if (process.getuid?.() !== 0) {
    it('exits 1 with one line naming the path for an unreadable file', async () => {
      const path = join(dir, 'unreadable.sqlite');
      seededStore(path);
      const { chmodSync } = await import('node:fs');
      chmodSync(path, 0o000);
      const { code, stderr } = await finished(startServer({ DATABASE_PATH: path }));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain(path);
    });
  }
});

describe('SIGTERM', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-sigterm-'));
    path = join(dir, 'ind.sqlite');
    seededStore(path);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets a response in flight finish, then exits 0', async () => {
    const child = startServer({ DATABASE_PATH: path, RATE_LIMIT_MAX: '0' });
    const exit = finished(child);
    const port = await listeningPort(child);

    // The reference's script bundle (well over a megabyte, sent as a stream), asked for twenty
    // times in a row. The reader takes the first chunk, which proves a response is under way,
    // then pauses: far more is pending than loopback socket buffers hold, so the server's writes
    // back up and the responses are still going out when SIGTERM arrives.
    const bundle = readFileSync(join(ROOT, 'node_modules', '@fastify', 'swagger-ui', 'static', 'swagger-ui-bundle.js'));
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const chunks: Buffer[] = [];
    const started = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (chunks.length === 1) {
          socket.pause();
          resolve();
        }
      });
    });
    socket.write('GET /docs/static/swagger-ui-bundle.js HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(20));
    await started;
    const closing = printed(child, /"signal":"SIGTERM"/);
    child.kill('SIGTERM');
    // The server has begun closing, and cannot have finished: the responses wait for our reads.
    await closing;
    expect(child.exitCode).toBeNull();

    socket.resume();
    await new Promise((resolve) => socket.on('close', resolve));
    // Exit 0 (not the forced exit after the grace delay): the server closed the connection itself.
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(stdout).toMatch(/"signal":"SIGTERM"/);
    expect(stdout).toMatch(/"msg":"closed"/);

    // Every response that started arrived whole: status line, headers and the full body.
    const data = Buffer.concat(chunks);
    let offset = 0;
    let complete = 0;
    while (offset < data.length) {
      const headEnd = data.indexOf('\r\n\r\n', offset);
      expect(headEnd).toBeGreaterThan(0);
      const head = data.subarray(offset, headEnd).toString();
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      const body = data.subarray(headEnd + 4, headEnd + 4 + length);
      expect(body.length).toBe(length);
      if (head.startsWith('HTTP/1.1 200')) {
        expect(body.equals(bundle)).toBe(true);
        complete++;
      } else {
        // A request that arrives after the server began closing is told so.
        expect(head).toMatch(/^HTTP\/1\.1 503/);
      }
      offset = headEnd + 4 + length;
    }
    expect(complete).toBeGreaterThan(0);
  });
});
