import type { FastifyInstance, onSendHookHandler } from 'fastify';
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

const revalidate: onSendHookHandler = (request, reply, payload, done) => {
  const bytes = typeof payload === 'string' || Buffer.isBuffer(payload);
  if (reply.statusCode !== 200 || !bytes || (request.method !== 'GET' && request.method !== 'HEAD')) return done(null, payload);
  reply.header('vary', addVary(reply.getHeader('vary'), 'Accept-Encoding'));
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
 * Accept-Encoding, and If-None-Match — a list, `*` or a weak tag — turns a 200 into a 304.
 * Compression hooks into each route, so this does too, registered after it.
 */
export default fp(async function conditionalRequests(app: FastifyInstance) {
  appendToEveryRoute(app, 'onSend', revalidate);
});
