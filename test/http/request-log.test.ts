import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletedLines, loggerOptions, requestLine } from '../../src/http/request-log.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** A line with the values that differ from one request to the next taken out. */
const shape = (line: string) =>
  line.replace(/"time":\d+,/, '"time":T,').replace(/"reqId":"[^"]+",/, '"reqId":R,').replace(/"responseTime":[\d.]+,/, '"responseTime":D,');

describe('CompletedLines', () => {
  it.each([
    ['a plain target', 'GET', '/v1/tables', 'c0ffee-1'],
    ['a quote and a backslash', 'GET', '/v1/tables?q="a\\b"', 'id"with\\quote'],
    ['control characters', 'HEAD', '/v1/\u0001\t', 'x\ny'],
    ['letters beyond ASCII and an emoji', 'GET', '/v1/tables?q=café😀', 'ü'],
    ['a target cut at 512 characters', 'GET', `/v1/figures?metric=${'a'.repeat(600)}`, 'long'],
  ])('writes what pino writes for the same fields: %s', (_, method, url, reqId) => {
    const byPino: string[] = [];
    const byHand: string[] = [];
    // As Fastify makes its logger from these options (fastify/lib/logger-pino.js).
    const { stream, ...options } = loggerOptions('info', { write: (line: string) => byPino.push(line) });
    pino(options, stream).info({ reqId, ...requestLine(method, url, 200, 1.234567) }, 'request completed');
    new CompletedLines({ write: (line: string) => byHand.push(line) }).write(reqId, method, url, 200, 1.234567);
    expect(byHand).toHaveLength(1);
    expect(byHand[0]!.replace(/"time":\d+,/, '')).toBe(byPino[0]!.replace(/"time":\d+,/, ''));
    expect(JSON.parse(byHand[0]!)).toMatchObject({ reqId, method, statusCode: 200, responseTime: 1.23 });
  });

  // Node reads a request target as Latin-1, so one never holds a surrogate; pino escapes a lone
  // one only in strings over 100 characters. The line escapes it always, as JSON.stringify does.
  it('escapes a lone surrogate, so that the line is well-formed UTF-8', () => {
    const written: string[] = [];
    new CompletedLines({ write: (line: string) => written.push(line) }).write('id', 'GET', '/v1/\ud800', 200, 1);
    expect(written[0]).toContain('"url":"/v1/\\ud800"');
  });
});

describe("a request's log line", () => {
  let t: TestApp;
  const written: string[] = [];
  beforeAll(async () => {
    t = await buildTestApp({ logStream: { write: (line: string) => written.push(line) }, env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => t.close());

  /** The one line logged for the request with this id. */
  const lineOf = (id: string) => {
    const lines = written.filter((line) => line.includes(`"reqId":"${id}"`));
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };
  it.each([
    ['GET /health', 'GET', () => '/health'],
    ['GET a table as CSV', 'GET', () => '/v1/tables/asylum?format=csv'],
    ['HEAD of filtered figures', 'HEAD', () => '/v1/figures?table=family&year=2016'],
    [
      'GET of figures with a target longer than the 512 characters a line keeps',
      'GET',
      () => {
        const url = `/v1/figures?metric=${t.app.dataset.metricIds.slice(0, 40).join(',')}`;
        expect(url.length).toBeGreaterThan(512);
        return url;
      },
    ],
  ])('is the same, byte for byte, whether the app or the fast path answers: %s', async (_, method, urlOf) => {
    const url = urlOf();
    const hits = t.app.responseCache.hits;
    const fromApp = await t.request({ method: method as 'GET' | 'HEAD', url, headers: { 'x-request-id': 'first' } });
    const fromCache = await t.request({ method: method as 'GET' | 'HEAD', url, headers: { 'x-request-id': 'second' } });
    expect(t.app.responseCache.hits).toBe(hits + 1);
    expect(fromCache.statusCode).toBe(fromApp.statusCode);

    const [first, second] = [lineOf('first'), lineOf('second')];
    written.length = 0;
    expect(second.endsWith('}\n')).toBe(true);
    expect(shape(second)).toBe(shape(first));
    const fields = JSON.parse(second);
    expect(fields).toMatchObject({ level: 30, pid: process.pid, method, statusCode: fromApp.statusCode, msg: 'request completed' });
    expect(fields.url).toBe(url.length > 512 ? `${url.slice(0, 512)}…` : url);
    expect(fields.responseTime).toBeGreaterThanOrEqual(0);
  });
});
