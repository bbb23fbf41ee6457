import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logDestination, RequestLogger } from '../../src/http/request-log.js';
import { buildTestApp } from '../helpers/app.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream, logger: pino({ level: 'info' }, stream) };
}

/** The line as written, its time left out: the two loggers write at different moments. */
const withoutTime = (line: string) => line.replace(/"time":\d+,/, '');

const fields = { method: 'GET', url: '/v1/tables/asylum?format=csv', statusCode: 200, responseTime: 0.41 };

describe('RequestLogger', () => {
  it('writes the completion line as a pino child bound to the request id would, field for field and in order', async () => {
    const { lines, stream, logger } = capture();
    const t = await buildTestApp({ logger: { level: 'info', stream } });
    try {
      const res = await t.app.inject({ url: '/v1/tables/asylum?format=csv', headers: { 'x-request-id': 'r-1' } });
      expect(res.statusCode).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      const served = lines.find((line) => JSON.parse(line).reqId === 'r-1');
      const { method, url, statusCode, responseTime } = JSON.parse(served!);
      logger.child({ reqId: 'r-1' }).info({ method, url, statusCode, responseTime }, 'request completed');
      await new Promise((resolve) => setImmediate(resolve));
      expect(withoutTime(served!)).toBe(withoutTime(lines.at(-1)!));
      expect(JSON.parse(served!)).toMatchObject({ reqId: 'r-1', msg: 'request completed', method: 'GET', statusCode: 200 });
    } finally {
      await t.close();
    }
  });

  it('makes the child logger once, the first time something else logs for the request', async () => {
    const { lines, logger } = capture();
    const child = vi.spyOn(logger, 'child');
    const log = new RequestLogger(logger, { reqId: 'r-2' }, {});
    log.direct!.info({ reqId: 'r-2', ...fields }, 'request completed');
    expect(child).not.toHaveBeenCalled();
    log.warn({ type: 'eventLoopDelay' }, 'shedding load');
    log.error(new Error('broken'), 'request failed');
    log.debug('below the level');
    expect(child).toHaveBeenCalledTimes(1);
    // Once made, the child writes every line.
    expect(log.direct).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    const written = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written.map((line) => [line.reqId, line.msg])).toEqual([
      ['r-2', 'request completed'],
      ['r-2', 'shedding load'],
      ['r-2', 'request failed'],
    ]);
    expect(written[2]!.err).toMatchObject({ message: 'broken', type: 'Error' });
  });

  it("leaves a route's own level to the child", async () => {
    const { lines, logger } = capture();
    const quiet = new RequestLogger(logger, { reqId: 'r-3' }, { level: 'warn' });
    expect(quiet.level).toBe('warn');
    expect(quiet.direct).toBeUndefined();
    quiet.info(fields, 'request completed');
    quiet.warn('still written');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['still written']);
  });
});

describe('logDestination', () => {
  let dir: string;
  let file: string;
  let fd: number | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-log-'));
    file = join(dir, 'out.log');
  });
  afterEach(() => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  /** A log line of exactly 128 characters: 32 of them are the 4 KiB a batch waits for. */
  const line = (n: number) => {
    const head = `{"level":30,"n":${n},"msg":"request completed","pad":"`;
    return `${head}${'x'.repeat(128 - head.length - 3)}"}\n`;
  };

  it('holds short lines back, then writes them in order, at once when 4 KiB are waiting and on flushSync', async () => {
    fd = openSync(file, 'w');
    const destination = logDestination(fd);
    await once(destination, 'ready');
    const lines = Array.from({ length: 42 }, (_, n) => line(n));
    expect(lines.every((text) => text.length === 128)).toBe(true);
    for (const text of lines.slice(0, 31)) destination.write(text);
    expect(readFileSync(file, 'utf8')).toBe('');
    // The 32nd line makes 4 KiB: the batch goes out at once.
    destination.write(lines[31]!);
    await once(destination, 'write');
    expect(readFileSync(file, 'utf8')).toBe(lines.slice(0, 32).join(''));
    // What waits goes out on a synchronous flush, as pino flushes when the process exits.
    for (const text of lines.slice(32)) destination.write(text);
    destination.flushSync();
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
  });

  it('writes what waits within a quarter of a second, with nothing else written after it', async () => {
    fd = openSync(file, 'w');
    const destination = logDestination(fd);
    await once(destination, 'ready');
    destination.write(line(1));
    await once(destination, 'write');
    expect(readFileSync(file, 'utf8')).toBe(line(1));
  });
});
