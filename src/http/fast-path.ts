import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import type { FastPathCount } from './plugins/rate-limit.js';
import { notModified } from './plugins/conditional-requests.js';
import type { CompletedLines } from './request-log.js';
import { KEPT_ANSWER, type Entry, type ResponseCache, type WithKeptAnswer } from './response-cache.js';

/** What the fast path needs of the app, once the app is built. */
export interface FastPathDeps {
  cache: ResponseCache;
  log: FastifyBaseLogger;
  /** Where the answers' own log lines go, when the log takes lines at info. */
  completedLines: CompletedLines;
  requestId: (req: IncomingMessage) => string;
  /** Requests the app must answer itself: while it sheds load or closes, and the ones it refuses. */
  forTheApp: (req: IncomingMessage) => boolean;
  /** The rate limiter's count of a request, in the budget the app's own requests spend. */
  count: FastPathCount;
}

/** The part of Fastify's options the server it makes itself is given (fastify/lib/server.js). */
interface ServerSettings {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/**
 * Answers from the response cache before a request reaches Fastify. Every cached answer is a
 * finished response: its bytes and headers (type, coding, validators, links, caching, CORS and
 * security headers) are what the whole pipeline sent the first time, so a repeated request needs
 * none of Fastify's work (request and reply objects, a child logger, the hooks). Only what belongs
 * to the one request is added here, each from the same source the app uses: the request id, the
 * rate limiter's count and headers, revalidation (304), and the request's log line.
 *
 * Everything else goes on to the app, which answers it as if there were no fast path: any method
 * but GET and HEAD, a request the app refuses (request-limits.ts), any request while the app sheds
 * load or closes, a client over its rate limit, and any answer not cached. A Range request for a
 * kept answer goes to the app too, with the answer attached, so that its hooks cut the range.
 * Tests take this path with `throughFastPath` (test/helpers/app.ts); Fastify's `inject` does not.
 */
export class FastPath {
  private deps: FastPathDeps | undefined;
  private logsRequests = false;

  /** Opens the fast path once the app is built; until then every request goes to the app. */
  open(deps: FastPathDeps) {
    this.deps = deps;
    this.logsRequests = ['trace', 'debug', 'info'].includes(deps.log.level);
  }

  /** The listener of the HTTP server: the fast path, then `app` (Fastify's own handler). */
  listener(app: RequestListener): RequestListener {
    return (req, res) => {
      if (!this.answer(req, res, app)) app(req, res);
    };
  }

  /** Fastify's `serverFactory`: the server Fastify would make, with the fast path in front. */
  serverFactory = (app: RequestListener, options: Record<string, unknown>): Server => {
    const settings = options as unknown as ServerSettings;
    const server = createServer(settings.http ?? {}, this.listener(app));
    server.keepAliveTimeout = settings.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout;
    server.setTimeout(settings.connectionTimeout);
    if (settings.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };

  /**
   * Answers `req` (now, or once the rate limiter has counted it) and returns true, or returns false
   * for the app. Should anything here fail, the app answers instead, unless the answer has begun:
   * the connection is then closed, as Node closes it when a handler fails mid-answer.
   */
  answer(req: IncomingMessage, res: ServerResponse, app: RequestListener): boolean {
    try {
      return this.tryToAnswer(req, res, app);
    } catch (err) {
      return this.failed(err, req, res);
    }
  }

  private tryToAnswer(req: IncomingMessage, res: ServerResponse, app: RequestListener): boolean {
    const deps = this.deps;
    if (!deps || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    if (deps.forTheApp(req)) return false;
    const entry = deps.cache.find(req.url ?? '', req.headers);
    if (!entry) return false;
    if (req.headers.range !== undefined) {
      // The app cuts the range from the kept answer (plugins/response-cache.ts, routes/downloads.ts).
      (req as WithKeptAnswer)[KEPT_ANSWER] = entry;
      return false;
    }
    const start = performance.now();
    const counted = deps.count(req);
    if (Array.isArray(counted)) {
      this.write(deps, req, res, entry, counted, start);
      return true;
    }
    // Over its budget (or should the limiter fail), the client is the app's to answer.
    let handedOver = false;
    const toApp = () => {
      handedOver = true;
      app(req, res);
    };
    (counted as Promise<readonly string[] | undefined>)
      .then((headers) => (headers ? this.write(deps, req, res, entry, headers, start) : toApp()), toApp)
      .catch((err: unknown) => {
        if (!this.failed(err, req, res) && !handedOver) toApp();
      });
    return true;
  }

  /** Logs what failed; true when the answer had begun and the connection is closed, false when the app can still answer. */
  private failed(err: unknown, req: IncomingMessage, res: ServerResponse): boolean {
    this.deps?.log.error({ err, url: req.url }, 'the fast path failed; the app answers');
    if (!res.headersSent) return false;
    res.destroy(err instanceof Error ? err : new Error(String(err)));
    return true;
  }

  private write(deps: FastPathDeps, req: IncomingMessage, res: ServerResponse, entry: Entry, counted: readonly string[], start: number) {
    const id = deps.requestId(req);
    const unchanged = notModified(req.headers, entry.headers.etag, entry.headers['last-modified']);
    const headers = (unchanged ? entry.notModified : entry.ok).concat('x-request-id', id, counted as string[]);
    res.writeHead(unchanged ? 304 : 200, headers);
    res.end(unchanged ? undefined : entry.body);
    if (this.logsRequests) {
      // 'close' comes once the answer is written, or when the connection ends before that.
      res.once('close', () => {
        deps.completedLines.write(id, req.method ?? 'GET', req.url ?? '', res.statusCode, performance.now() - start);
      });
    }
  }
}
