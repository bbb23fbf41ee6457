import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, type Bindings, type ChildLoggerOptions, type LevelWithSilentOrString, type LogFn } from 'pino';

/** A caller's id is kept so one request can be followed across services; anything odd gets our own. */
const ACCEPTABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
}

/**
 * One structured line per request, written when the response is finished: method, path,
 * status, duration and the request id (`reqId`), instead of Fastify's two lines per request.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const log = reply.log;
    const method = request.method;
    const url = request.url.length > 512 ? `${request.url.slice(0, 512)}…` : request.url;
    const statusCode = reply.statusCode;
    const responseTime = Math.round(reply.elapsedTime * 100) / 100;
    if (error) {
      log.error({ method, url, statusCode, responseTime, err: error }, 'request errored');
      return;
    }
    // Most requests write this line and nothing else. Written through the parent with `reqId` as
    // the first field, it is the JSON a child bound to the id would write, without making one.
    const direct = log instanceof RequestLogger && this.requestIdLogLabel === 'reqId' ? log.direct : undefined;
    if (direct) direct.info({ reqId: request.id, method, url, statusCode, responseTime }, 'request completed');
    else log.info({ method, url, statusCode, responseTime }, 'request completed');
  }
}

/**
 * A request's logger, bound to its id. Fastify makes one per request, and a pino child costs more
 * than the one line most requests write; this one makes the child the first time something logs
 * for the request. The completion line, the only line of most requests, is written by the parent
 * with the id as a field (RequestLog): pino writes a child's bindings as fields too, in the same
 * place, so the JSON is the same.
 */
export class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get made(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): LevelWithSilentOrString {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.made.level = level;
  }

  declare fatal: LogFn;
  declare error: LogFn;
  declare warn: LogFn;
  declare info: LogFn;
  declare debug: LogFn;
  declare trace: LogFn;
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.made.child(bindings, options);
  }

  /**
   * The logger a line for this request can be written with directly, its bindings given as
   * fields: the parent, while the request has no child yet and no level or serializers of its own.
   */
  get direct(): FastifyBaseLogger | undefined {
    return this.#child || this.options.level !== undefined || this.options.serializers !== undefined ? undefined : this.parent;
  }
}

// On the prototype, so that a request's logger is one small object and no closures.
for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const) {
  RequestLogger.prototype[level] = function (this: RequestLogger, ...args: unknown[]) {
    (this.made[level] as (...args: unknown[]) => void)(...args);
  } as LogFn;
}

/** Fastify's `childLoggerFactory`: every request gets a RequestLogger. */
export function requestLogger(this: unknown, parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(parent, bindings, options);
}

/**
 * Standard output (or another file descriptor), written asynchronously and in batches: lines
 * gather until 4 KiB are waiting, so a busy server makes one system call per few dozen lines,
 * and sonic-boom writes what waits every quarter of a second (`periodicFlush`), so a quiet
 * server's lines do not wait for the next one. Pino writes what is left, synchronously, when the
 * process exits.
 */
export function logDestination(fd = 1) {
  return pino.destination({ dest: fd, sync: false, minLength: 4096, periodicFlush: 250 });
}
