import type { FastifyReply, onSendHookHandler } from 'fastify';
import rangeParser from 'range-parser';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.js';

/**
 * `If-Range` lets a client resume only if the file has not changed: an entity tag must equal the
 * current one by strong comparison (a weak tag never does), a date the Last-Modified exactly.
 * Otherwise the whole representation is sent (RFC 9110 §13.1.5).
 */
function ifRangeHolds(condition: string | string[] | undefined, reply: FastifyReply): boolean {
  if (typeof condition !== 'string') return condition === undefined;
  const validator = condition.trim();
  if (validator.startsWith('"')) return validator === reply.getHeader('etag');
  if (validator.startsWith('W/')) return false;
  const modified = reply.getHeader('last-modified');
  return typeof modified === 'string' && Date.parse(validator) === Date.parse(modified);
}

/** Headers describing the whole representation, which a 416 problem is not. */
const REPRESENTATION_HEADERS = ['content-encoding', 'content-disposition', 'etag', 'last-modified'] as const;

/**
 * Byte ranges of a finished 200 body (RFC 9110 §14), whose route says `Accept-Ranges: bytes`: one
 * range as 206 with Content-Range, and a range outside the body, or several ranges, as 416
 * problem+json whose Content-Range gives the length. A malformed Range header, or one in
 * another unit, is ignored, as the RFC allows. It runs on the bytes as they leave (after
 * compression and If-None-Match, which takes precedence), so a range names bytes of the very
 * representation whose ETag the client holds.
 */
export function byteRanges(publicUrl: string): onSendHookHandler {
  return (request, reply, payload, done) => {
    if (reply.statusCode !== 200) return done(null, payload);
    // HEAD's body is gone by now (Fastify drops it before the hooks appended to a route run).
    const header = request.headers.range;
    if (request.method !== 'GET' || header === undefined || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    if (!ifRangeHolds(request.headers['if-range'], reply)) return done(null, payload);
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const ranges = rangeParser(body.length, header, { combine: true });
    if (ranges === -2 || (ranges !== -1 && ranges.type !== 'bytes')) return done(null, payload);
    const range = ranges !== -1 && ranges.length === 1 ? ranges[0] : undefined;
    if (!range) {
      const detail = ranges === -1 ? `No range asked for lies within the ${body.length} bytes.` : 'Only one range per request is served.';
      for (const name of REPRESENTATION_HEADERS) reply.removeHeader(name);
      reply
        .code(416)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .header('content-range', `bytes */${body.length}`);
      return done(null, JSON.stringify(problemBody(publicUrl, 416, detail, request.url)));
    }
    reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${body.length}`);
    done(null, body.subarray(range.start, range.end + 1));
  };
}
