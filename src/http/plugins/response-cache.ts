import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { appendToEveryRoute } from '../route-hooks.js';
import { notModified } from './conditional-requests.js';

/**
 * Headers that belong to one request or connection, never kept: ids, CORS (worked out per request
 * before the lookup), rate limits, and what Node writes itself. Everything else the answer
 * carried is its representation's: type, coding, validators, links, caching and security headers.
 */
const PER_REQUEST = /^(?:x-request-id|x-ratelimit-.*|retry-after|access-control-.*|connection|keep-alive|date|transfer-encoding|content-length|set-cookie)$/;

/** Request headers every key includes: each route negotiates its type and encoding on them. */
const ALWAYS_VARY = ['accept', 'accept-encoding'];

interface Entry {
  body: Buffer;
  headers: Record<string, string>;
  /** The same headers as name, value, name, value…, with Content-Length, as a 200 sends them. */
  ok: string[];
  /** The same without Content-Length, as a 304 sends them. */
  notModified: string[];
  size: number;
  /** Asked for since the eviction sweep last passed it. */
  used: boolean;
}

export interface ResponseCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

/**
 * A bounded cache of finished responses. The store is read-only, so the answer to a given URL and
 * representation never changes while the process lives: the first request goes through the
 * handler, the zod serializer, ETag hashing and compression; later ones are answered from here.
 * Both the number of entries and their total size are capped, so arbitrary URLs cannot grow it.
 * Eviction is second-chance (CLOCK), an approximation of least-recently-used in which a hit
 * only marks its entry: the hit path, which is every cached answer, does not reorder the Map.
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

  /** Whether an answer is kept under this key; unlike `get`, it does not count as asking for it. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    entry.used = true;
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
    // Room is made before the new entry goes in, so that it is never the one swept out. The
    // sweep goes from the oldest entry on; one asked for since the last sweep is moved to the
    // young end with its mark cleared, so each entry moves at most once and the loop ends.
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size < this.options.maxEntries && this.total + size <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldest, entry);
      } else {
        this.total -= entry.size;
      }
    }
    const notModified = Object.entries(headers).flat();
    this.entries.set(key, { body, headers, ok: [...notModified, 'content-length', String(body.length)], notModified, size, used: false });
    this.total += size;
  }
}

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

/**
 * Everything the response depends on besides the URL: the negotiated type and encoding, and the
 * request headers the route's answers name in `Vary` (the pages' language comes from
 * Accept-Language and a cookie). Vary is learned per route pattern, of which there are few.
 */
function cacheKey(request: FastifyRequest, route: string, varyByRoute: Map<string, string[]>): string {
  const { headers } = request;
  let key = `${request.url}\u0000${headers.accept ?? ''}\u0000${headers['accept-encoding'] ?? ''}`;
  for (const name of varyByRoute.get(route) ?? []) key += `\u0000${String(headers[name] ?? '')}`;
  return key;
}

/**
 * The headers of a cached answer: those the request hooks set on this reply (CORS, request id,
 * rate limits) and the stored ones, as the flat list Node's writeHead takes, which it writes
 * without copying. Should a request hook ever set a header the answer also stored, this
 * request's value is the one sent.
 */
function headersOf(reply: FastifyReply, stored: Record<string, string>, list: string[], draining: boolean): string[] {
  const own = reply.getHeaders();
  const names = Object.keys(own);
  let headers: string[];
  if (names.some((name) => Object.hasOwn(stored, name))) {
    headers = [];
    for (let i = 0; i < list.length; i += 2) if (!Object.hasOwn(own, list[i]!)) headers.push(list[i]!, list[i + 1]!);
  } else {
    headers = list.slice();
  }
  for (const name of names) headers.push(name, String(own[name]));
  if (draining) headers.push('connection', 'close');
  return headers;
}

function learnVary(route: string, reply: FastifyReply, varyByRoute: Map<string, string[]>) {
  if (varyByRoute.has(route)) return;
  const names = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name && !ALWAYS_VARY.includes(name));
  varyByRoute.set(route, [...new Set(names)]);
}

const HIT = Symbol('response-cache-hit');
type Marked = FastifyRequest & { [HIT]?: true };

function cacheable(config: FastifyContextConfig, reply: FastifyReply): boolean {
  if (reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return false;
  if (config.sameWhile) return true;
  const control = String(reply.getHeader('cache-control') ?? '');
  return !/no-store|private/.test(control);
}

/**
 * Registered after the other plugins and before the routes. Both steps are appended to each
 * route's own hooks: the lookup runs after every other onRequest hook (load shedding, CORS,
 * request limits, rate limiting), so their headers and refusals apply to cached answers too;
 * the store step runs after compression, revalidation and the security headers, so it keeps the
 * bytes and headers exactly as they were sent. A hit is written straight to the connection: what
 * the send hooks would do (compression, ETag, Last-Modified, caching headers) is in the stored
 * headers already, and If-None-Match/If-Modified-Since are answered here, so a cached answer costs
 * about what an empty route does. A request with `Range` goes the long way, through the hooks that cut ranges.
 */
export default fp(async function responseCache(app: FastifyInstance, opts: ResponseCacheOptions & { enabled: boolean }) {
  const cache = new ResponseCache(opts);
  const varyByRoute = new Map<string, string[]>();
  app.decorate('responseCache', cache);
  if (!opts.enabled) return;

  const lookup: onRequestHookHandler = (request, reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return done();
    // Fastify builds request.routeOptions afresh on each read: it is read once per request.
    const { config } = request.routeOptions;
    if (config.sameWhile && !config.sameWhile()) return done();
    const entry = cache.get(cacheKey(request, config.url ?? '', varyByRoute));
    if (!entry) return done();
    if (request.headers.range !== undefined) {
      // A range is cut from the stored bytes by the download routes' own send hook. ETag and
      // Content-Encoding being set already, the ETag and compression hooks pass the bytes through.
      (request as Marked)[HIT] = true;
      reply.code(200).headers(entry.headers).send(entry.body);
      return;
    }
    // Everything the send hooks would do to these bytes is done already, so they are written
    // as they are, with the headers the request hooks set (CORS, request id, limits).
    reply.hijack();
    const unchanged = notModified(request.headers, entry.headers.etag, entry.headers['last-modified']);
    reply.raw.writeHead(unchanged ? 304 : 200, headersOf(reply, entry.headers, unchanged ? entry.notModified : entry.ok, app.draining));
    reply.raw.end(unchanged ? undefined : entry.body);
  };

  const store: onSendHookHandler = (request, reply, payload, done) => {
    // A HEAD's body is the GET's until Node leaves it out (route-hooks.ts), so a HEAD fills the cache too.
    if ((request.method !== 'GET' && request.method !== 'HEAD') || (request as Marked)[HIT]) return done(null, payload);
    const { config } = request.routeOptions;
    if (!cacheable(config, reply) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !PER_REQUEST.test(name)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    const route = config.url ?? '';
    learnVary(route, reply, varyByRoute);
    cache.set(cacheKey(request, route, varyByRoute), body, headers);
    done(null, payload);
  };

  appendToEveryRoute(app, 'onRequest', lookup);
  appendToEveryRoute(app, 'onSend', store);
});
