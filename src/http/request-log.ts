import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

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
