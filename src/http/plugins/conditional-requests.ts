import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyRequest, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { appendToEveryRoute } from '../route-hooks.js';

/** Weak comparison, as RFC 9110 prescribes for If-None-Match: `W/` is ignored on both sides. */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** Whether an If-None-Match header (`*`, or a comma-separated list of entity tags) names this tag. */
export function ifNoneMatchMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const current = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === current);
}

function addVary(existing: unknown, name: string): string {
  // A cached answer already names it, as written here: no need to take the header apart.
  if (typeof existing === 'string' && existing.includes(name)) return existing;
  const names = String(existing ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  return names.some((n) => n.toLowerCase() === name.toLowerCase()) ? names.join(', ') : [...names, name].join(', ');
}

/** When the data behind an answer last changed: the newest release of the view the request asks for. */
export type LastModifiedOf = (request: FastifyRequest) => string | null;

/**
 * Whether a GET or HEAD may be answered 304: If-None-Match — a list, `*` or a weak tag — names the
 * current tag; or, only without If-None-Match (RFC 9110 §13.1.3), If-Modified-Since is a date at
 * or after the last change.
 */
export function notModified(headers: IncomingHttpHeaders, etag: string | undefined, lastModified: string | null | undefined): boolean {
  const condition = headers['if-none-match'];
  if (condition !== undefined) return etag !== undefined && ifNoneMatchMatches(condition, etag);
  const since = headers['if-modified-since'];
  if (!since || !lastModified) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Date.parse(lastModified) <= date;
}

const revalidateWith = (lastModifiedOf: LastModifiedOf): onSendHookHandler => (request, reply, payload, done) => {
  const bytes = typeof payload === 'string' || Buffer.isBuffer(payload);
  if (reply.statusCode !== 200 || !bytes || (request.method !== 'GET' && request.method !== 'HEAD')) return done(null, payload);
  reply.header('vary', addVary(reply.getHeader('vary'), 'Accept-Encoding'));
  const lastModified = lastModifiedOf(request);
  if (lastModified) reply.header('last-modified', lastModified);
  let etag = reply.getHeader('etag');
  if (typeof etag === 'string') {
    const encoding = reply.getHeader('content-encoding');
    if (typeof encoding === 'string' && encoding !== 'identity' && !etag.endsWith(`-${encoding}"`)) {
      etag = `${etag.slice(0, -1)}-${encoding}"`;
      reply.header('etag', etag);
    }
  }
  if (!notModified(request.headers, typeof etag === 'string' ? etag : undefined, lastModified)) return done(null, payload);
  // No body, and no Content-Length either: in a 304 it could only be the length of the 200's body (RFC 9110 §8.6).
  reply.code(304).removeHeader('content-length');
  done(null, null);
};

/**
 * Runs after compression, on the bytes as they leave: a compressed representation gets an ETag
 * of its own (a strong validator names exact bytes), every answer says it varies by
 * Accept-Encoding, carries the Last-Modified of its data, and If-None-Match — a list, `*` or a weak
 * tag — or else If-Modified-Since turns a 200 into a 304.
 * Compression hooks into each route, so this does too, registered after it.
 */
export default fp(async function conditionalRequests(app: FastifyInstance, opts: { lastModifiedOf: LastModifiedOf }) {
  appendToEveryRoute(app, 'onSend', revalidateWith(opts.lastModifiedOf));
});
