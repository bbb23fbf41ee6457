import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { appendToEveryRoute } from '../route-hooks.js';
import { notModified } from './conditional-requests.js';

/** The headers that belong to a representation; per-request headers (ids, CORS, limits) are never kept. */
const KEPT_HEADERS = [
  'content-type', 'content-encoding', 'content-disposition', 'content-language', 'content-security-policy',
  'etag', 'last-modified', 'link', 'cache-control', 'vary', 'accept-ranges',
] as const;

/** Request headers every key includes: each route negotiates its type and encoding on them. */
const ALWAYS_VARY = ['accept', 'accept-encoding'];

interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  /** The same headers with Content-Length, as a 200 sends them. */
  full: Record<string, string>;
  /** The same headers without Content-Length, as a 304 sends them. */
  notModified: Record<string, string>;
  size: number;
}

export interface ResponseCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

/**
 * A bounded LRU of finished responses. The store is read-only, so the answer to a given URL and
 * representation never changes while the process lives: the first request goes through the
 * handler, the zod serializer, ETag hashing and compression; later ones are answered from here.
 * Both the number of entries and their total size are capped, so arbitrary URLs cannot grow it.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(readonly options: ResponseCacheOptions) {}

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.total;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry;
  }

  set(key: string, body: Buffer, headers: Record<string, string>) {
    const size = body.length + key.length * 2 + 256;
    if (size > this.options.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.total -= old.size;
      this.entries.delete(key);
    }
    const full = { ...headers, 'content-length': String(body.length) };
    this.entries.set(key, { body, headers, full, notModified: headers, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.total <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: ResponseCache;
  }
}

/**
 * Everything the response depends on besides the URL: the negotiated type and encoding, and the
 * request headers the route's answers name in `Vary` (the pages' language comes from
 * Accept-Language and a cookie). Vary is learned per route pattern, of which there are few.
 */
function cacheKey(request: FastifyRequest, varyByRoute: Map<string, string[]>): string {
  const names = [...ALWAYS_VARY, ...(varyByRoute.get(request.routeOptions.url ?? '') ?? [])];
  return [request.url, ...names.map((name) => String(request.headers[name] ?? ''))].join('\u0000');
}

function learnVary(request: FastifyRequest, reply: FastifyReply, varyByRoute: Map<string, string[]>) {
  const route = request.routeOptions.url ?? '';
  if (varyByRoute.has(route)) return;
  const names = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name && !ALWAYS_VARY.includes(name));
  varyByRoute.set(route, [...new Set(names)]);
}

const HIT = Symbol('response-cache-hit');
type Marked = FastifyRequest & { [HIT]?: true };

function cacheable(reply: FastifyReply): boolean {
  if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return false;
  const control = String(reply.getHeader('cache-control') ?? '');
  return !/no-store|private/.test(control);
}

/**
 * Registered after the other plugins and before the routes. Both steps are appended to each
 * route's own hooks: the lookup runs after every other onRequest hook (load shedding, CORS,
 * security headers, rate limiting), so their headers and refusals apply to cached answers too;
 * the store step runs after compression and revalidation, so it keeps the bytes and headers
 * exactly as they were sent. A hit is written straight to the connection: what the send hooks
 * would do (compression, ETag, Last-Modified, caching headers) is in the stored headers already,
 * and If-None-Match/If-Modified-Since are answered here, so a cached answer costs about what an
 * empty route does. A request with `Range` goes the long way, through the hooks that cut ranges.
 */
export default fp(async function responseCache(app: FastifyInstance, opts: ResponseCacheOptions & { enabled: boolean }) {
  const cache = new ResponseCache(opts);
  const varyByRoute = new Map<string, string[]>();
  app.decorate('responseCache', cache);
  if (!opts.enabled) return;

  const lookup: onRequestHookHandler = (request, reply, done) => {
    const entry = request.method === 'GET' || request.method === 'HEAD' ? cache.get(cacheKey(request, varyByRoute)) : undefined;
    if (!entry) return done();
    if (request.headers.range !== undefined) {
      // A range is cut from the stored bytes by the download routes' own send hook. ETag and
      // Content-Encoding being set already, the ETag and compression hooks pass the bytes through.
      (request as Marked)[HIT] = true;
      reply.code(200).headers(entry.headers).send(entry.body);
      return;
    }
    // Everything the send hooks would do to these bytes is done already, so they are written
    // as they are, after the headers the request hooks set (CORS, security, request id, limits).
    reply.hijack();
    const unchanged = notModified(request.headers, entry.headers.etag, entry.headers['last-modified']);
    const headers = Object.assign(reply.getHeaders(), unchanged ? entry.notModified : entry.full);
    if (app.draining) headers.connection = 'close';
    reply.raw.writeHead(unchanged ? 304 : 200, headers as OutgoingHttpHeaders);
    reply.raw.end(unchanged ? undefined : entry.body);
  };

  const store: onSendHookHandler = (request, reply, payload, done) => {
    if (request.method !== 'GET' || (request as Marked)[HIT] || !cacheable(reply)) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    learnVary(request, reply, varyByRoute);
    cache.set(cacheKey(request, varyByRoute), body, headers);
    done(null, payload);
  };

  appendToEveryRoute(app, 'onRequest', lookup);
  appendToEveryRoute(app, 'onSend', store);
});
