import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logDestination, RequestLogger } from '../../src/http/request-log.js';
import { buildTestApp } from '../helpers/app.js';

/** A log stream keeping its lines; `line` resolves with the first line matching, once it is written. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        stream.emit('line', line);
      }
      done();
    },
  });
  const line = (matches: (line: string) => boolean): Promise<string> => {
    const found = lines.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const look = (text: string) => {
        if (!matches(text)) return;
        stream.off('line', look);
        resolve(text);
      };
      stream.on('line', look);
    });
  };
  return { lines, stream, line, logger: pino({ level: 'info' }, stream) };
}

/** The line as written, its time left out: the two loggers write at different moments. */
const withoutTime = (line: string) => line.replace(/"time":\d+,/, '');

const fields = { method: 'GET', url: '/v1/tables/asylum?format=csv', statusCode: 200, responseTime: 0.41 };

describe('RequestLogger', () => {
  it('writes the completion line as a pino child bound to the request id would, field for field and in order', async () => {
    const { lines, stream, line, logger } = capture();
    const t = await buildTestApp({ logger: { level: 'info', stream } });
    try {
      const res = await t.app.inject({ url: '/v1/tables/asylum?format=csv', headers: { 'x-request-id': 'r-1' } });
      expect(res.statusCode).toBe(200);
      const served = await line((text) => JSON.parse(text).reqId === 'r-1');
      const { method, url, statusCode, responseTime } = JSON.parse(served);
      logger.child({ reqId: 'r-1' }).info({ method, url, statusCode, responseTime }, 'request completed');
      expect(withoutTime(served)).toBe(withoutTime(lines.at(-1)!));
      expect(JSON.parse(served)).toMatchObject({ reqId: 'r-1', msg: 'request completed', method: 'GET', statusCode: 200 });
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
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['still written']);
  });
});

describe('logDestination', () => {
  let dir: string;
  let file: string;
  let destination: ReturnType<typeof logDestination> | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-log-'));
    file = join(dir, 'out.log');
  });
  afterEach(() => {
    destination?.destroy();
    destination = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  /** A log line of exactly 128 characters: 32 of them are the 4 KiB the destination waits for. */
  const line = (n: number) => {
    const head = `{"level":30,"n":${n},"msg":"request completed","pad":"`;
    return `${head}${'x'.repeat(128 - head.length - 3)}"}\n`;
  };
  const open = async () => {
    destination = logDestination(openSync(file, 'w'));
    await once(destination, 'ready');
    return destination;
  };

  it('holds short lines back, writes them in order once 4 KiB wait, and writes the rest on flushSync', async () => {
    const out = await open();
    const lines = Array.from({ length: 42 }, (_, n) => line(n));
    expect(lines.every((text) => text.length === 128)).toBe(true);
    for (const text of lines.slice(0, 31)) out.write(text);
    expect(readFileSync(file, 'utf8')).toBe('');
    // The 32nd line makes 4 KiB: they go out at once.
    out.write(lines[31]!);
    await once(out, 'write');
    expect(readFileSync(file, 'utf8')).toBe(lines.slice(0, 32).join(''));
    // What waits goes out on a synchronous flush, as pino flushes when the process exits.
    for (const text of lines.slice(32)) out.write(text);
    out.flushSync();
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
  });

  it('writes a short line that waits without another line coming after it', async () => {
    const out = await open();
    out.write(line(1));
    expect(readFileSync(file, 'utf8')).toBe('');
    // The periodic flush writes it; the test waits for that write, however long it takes.
    await once(out, 'write');
    expect(readFileSync(file, 'utf8')).toBe(line(1));
  });
});
