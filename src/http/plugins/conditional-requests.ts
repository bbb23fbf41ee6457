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
  const names = String(existing ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  return names.some((n) => n.toLowerCase() === name.toLowerCase()) ? names.join(', ') : [...names, name].join(', ');
}

/** When the data behind an answer last changed: the newest release of the view the request asks for. */
export type LastModifiedOf = (request: FastifyRequest) => string | null;

/** If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3), and only when it is a date. */
function notModifiedSince(request: FastifyRequest, lastModified: string | null): boolean {
  const since = request.headers['if-modified-since'];
  if (!since || !lastModified || request.headers['if-none-match'] !== undefined) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Date.parse(lastModified) <= date;
}

const revalidateWith = (lastModifiedOf: LastModifiedOf): onSendHookHandler => (request, reply, payload, done) => {
  const bytes = typeof payload === 'string' || Buffer.isBuffer(payload);
  if (reply.statusCode !== 200 || !bytes || (request.method !== 'GET' && request.method !== 'HEAD')) return done(null, payload);
  reply.header('vary', addVary(reply.getHeader('vary'), 'Accept-Encoding'));
  const lastModified = lastModifiedOf(request);
  if (lastModified) reply.header('last-modified', lastModified);
  if (notModifiedSince(request, lastModified)) {
    reply.code(304);
    return done(null, '');
  }
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') return done(null, payload);
  const encoding = reply.getHeader('content-encoding');
  if (typeof encoding === 'string' && encoding !== 'identity' && !etag.endsWith(`-${encoding}"`)) {
    etag = `${etag.slice(0, -1)}-${encoding}"`;
    reply.header('etag', etag);
  }
  const condition = request.headers['if-none-match'];
  if (condition && ifNoneMatchMatches(condition, etag)) {
    reply.code(304);
    return done(null, '');
  }
  done(null, payload);
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
