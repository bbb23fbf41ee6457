import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { KEPT_ANSWER, ResponseCache, type ResponseCacheOptions, type WithKeptAnswer } from '../response-cache.js';
import { appendToEveryRoute } from '../route-hooks.js';

/**
 * Headers that belong to one request or connection, never kept: the request id, rate limits, and
 * what Node writes itself. Everything else the answer carried is its representation's: type,
 * coding, validators, links, caching, CORS (the same for every GET: any origin may read) and
 * security headers.
 */
const PER_REQUEST = /^(?:x-request-id|x-ratelimit-.*|retry-after|connection|keep-alive|date|transfer-encoding|content-length|set-cookie)$/;

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: ResponseCache;
  }
  interface FastifyContextConfig {
    /**
     * A route whose answer is the same whenever this holds, though clients must not cache it
     * (`no-store`): its 200 is kept all the same, and served only while the check, run on every
     * request, holds; otherwise the handler answers.
     */
    sameWhile?: () => boolean;
  }
}

const SERVED_KEPT = Symbol('served a kept answer');
type Marked = FastifyRequest & { [SERVED_KEPT]?: true };

function cacheable(config: FastifyContextConfig, reply: FastifyReply): boolean {
  if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return false;
  if (config.sameWhile) return true;
  const control = String(reply.getHeader('cache-control') ?? '');
  return !/no-store|private/.test(control);
}

/**
 * Keeps every cacheable answer, as it is sent, in the response cache that the fast path
 * (src/http/fast-path.ts) answers from. Registered after the other plugins and before the
 * routes, its step is appended to each route's own send hooks, so it runs after compression,
 * revalidation and the security headers and keeps the bytes and headers exactly as they were
 * sent. A HEAD's body is the GET's until Node leaves it out (route-hooks.ts), so a HEAD fills the
 * cache too. A partial answer (206) is not kept.
 */
export default fp(async function responseCache(app: FastifyInstance, opts: ResponseCacheOptions & { enabled: boolean }) {
  const cache = new ResponseCache(opts);
  app.decorate('responseCache', cache);
  if (!opts.enabled) return;

  // A Range request for a kept answer (the fast path attaches it) is answered from the kept bytes
  // after every other request hook has run; the downloads' send hook cuts the range, and the ETag
  // and compression hooks, finding theirs set, pass the bytes through.
  const serveKept: onRequestHookHandler = (request, reply, done) => {
    const entry = (request.raw as WithKeptAnswer)[KEPT_ANSWER];
    if (!entry) return done();
    (request as Marked)[SERVED_KEPT] = true;
    reply.code(200).headers(entry.headers).send(entry.body);
  };

  const keep: onSendHookHandler = (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || (request as Marked)[SERVED_KEPT]) return done(null, payload);
    const { config } = request.routeOptions;
    if (!cacheable(config, reply) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !PER_REQUEST.test(name)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    cache.keep(request.url, request.headers, headers.vary ?? '', body, headers, config.sameWhile);
    done(null, payload);
  };
  appendToEveryRoute(app, 'onRequest', serveKept);
  appendToEveryRoute(app, 'onSend', keep);
});
