import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { RequestLogger } from '../../src/http/request-log.js';

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
