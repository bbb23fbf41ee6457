import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';

/** A caller's id is kept so one request can be followed across services; anything odd gets our own. */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/** The fields of a request's log line; the fast path writes the same for the answers it gives. */
export function requestLine(method: string, url: string, statusCode: number, elapsedMs: number) {
  return {
    method,
    url: url.length > 512 ? `${url.slice(0, 512)}…` : url,
    statusCode,
    responseTime: Math.round(elapsedMs * 100) / 100,
  };
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
 * Standard output (or another file descriptor), written in batches: lines gather until 4 KiB are
 * waiting, so a busy server makes one system call per few dozen lines, and what waits is written
 * every quarter of a second (`periodicFlush`), so a quiet server's lines do not wait for the next
 * one. The writes are synchronous, as with pino's own default destination: an asynchronous write
 * hands each batch to libuv's thread pool and back, which on a server held to one core costs more
 * than the write itself (`npm run bench:log` measures both). Pino writes what is left when the
 * process exits.
 */
export function logDestination(fd = 1) {
  return pino.destination({ dest: fd, sync: true, minLength: 4096, periodicFlush: 250 });
}
