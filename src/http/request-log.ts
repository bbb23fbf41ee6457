import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';

/** A caller's id is kept so one request can be followed across services; anything odd gets our own. */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/**
 * The fields every log line carries after its level and time: pino's own default, named here so
 * that the fast path's lines (`CompletedLines`) carry the same.
 */
const BASE = { pid: process.pid, hostname: hostname() };

/** Fastify's logger: JSON lines from `level` up, written to `stream`. */
export function loggerOptions(level: LevelWithSilent, stream: DestinationStream) {
  return { level, stream, base: BASE };
}

const loggedUrl = (url: string) => (url.length > 512 ? `${url.slice(0, 512)}…` : url);
const roundedMs = (ms: number) => Math.round(ms * 100) / 100;

/** What JSON escapes in a string: quote, backslash, control characters and (lone) surrogates. */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonString = (text: string) => (NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`);

/** The fields of a request's log line. */
export function requestLine(method: string, url: string, statusCode: number, elapsedMs: number) {
  return { method, url: loggedUrl(url), statusCode, responseTime: roundedMs(elapsedMs) };
}

/**
 * One structured line per request, written when the response is finished: method, path,
 * status, duration and the request id (`reqId`), instead of Fastify's two lines per request.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = requestLine(request.method, request.url, reply.statusCode, reply.elapsedTime);
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * The 'request completed' lines of the answers the fast path gives, byte for byte as the logger of
 * `loggerOptions` writes them for `RequestLog` (test/http/request-log.test.ts holds them to that),
 * put together here from their parts rather than through pino's general formatting, which looks
 * up each field's serializer and escaping and formats the message: a cached /health answer costs
 * about 7 % less processor time so (`BENCH_ONLY=health npm run bench:compare -- ceb96b5`).
 */
export class CompletedLines {
  private readonly start = `{"level":${pino.levels.values.info},"time":`;
  private readonly base = `,${JSON.stringify(BASE).slice(1, -1)},"reqId":`;

  constructor(private readonly stream: DestinationStream) {}

  write(reqId: string, method: string, url: string, statusCode: number, elapsedMs: number): void {
    this.stream.write(
      `${this.start}${Date.now()}${this.base}${jsonString(reqId)},"method":${jsonString(method)},"url":${jsonString(loggedUrl(url))},"statusCode":${statusCode},"responseTime":${roundedMs(elapsedMs)},"msg":"request completed"}\n`,
    );
  }
}
