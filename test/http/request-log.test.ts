import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logDestination, RequestLogger } from '../../src/http/request-log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

/** The line as written, its time left out: the two loggers write at different moments. */
const withoutTime = (line: string) => line.replace(/"time":\d+,/, '');

const fields = { method: 'GET', url: '/v1/tables/asylum?format=csv', statusCode: 200, responseTime: 0.41 };

describe('RequestLogger', () => {
  it('writes the completion line as a pino child bound to the request id would, field for field and in order', async () => {
    const { lines, logger } = capture();
    logger.child({ reqId: 'r-1' }).info(fields, 'request completed');
    new RequestLogger(logger, { reqId: 'r-1' }, {}).completed(fields, 'request completed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    expect(withoutTime(lines[1]!)).toBe(withoutTime(lines[0]!));
    expect(JSON.parse(lines[1]!)).toMatchObject({ reqId: 'r-1', msg: 'request completed', statusCode: 200 });
  });

  it('makes the child logger once, the first time something else logs for the request', async () => {
    const { lines, logger } = capture();
    const child = vi.spyOn(logger, 'child');
    const log = new RequestLogger(logger, { reqId: 'r-2' }, {});
    log.completed(fields, 'request completed');
    expect(child).not.toHaveBeenCalled();
    log.warn({ type: 'eventLoopDelay' }, 'shedding load');
    log.error(new Error('broken'), 'request failed');
    log.debug('below the level');
    expect(child).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setImmediate(resolve));
    const written = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(written.map((line) => [line.reqId, line.msg])).toEqual([
      ['r-2', 'request completed'],
      ['r-2', 'shedding load'],
      ['r-2', 'request failed'],
    ]);
    expect(written[2]!.err).toMatchObject({ message: 'broken', type: 'Error' });
  });

  it("honours a route's own level: the completion line then goes through the child", async () => {
    const { lines, logger } = capture();
    const quiet = new RequestLogger(logger, { reqId: 'r-3' }, { level: 'warn' });
    expect(quiet.level).toBe('warn');
    quiet.completed(fields, 'request completed');
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
