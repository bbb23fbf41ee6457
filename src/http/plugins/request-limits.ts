import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';
import { rawProblem } from '../server-options.js';
import { ALLOW } from './methods.js';

/** The expectation Node itself answers (with 100 Continue); RFC 9110 defines no other. */
const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

/** How many times a request names the Host header; Node keeps only the first in `headers`. */
function hostCount(rawHeaders: string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

/** Why a request is refused before any work is done on it, or undefined when it is not. */
export interface Refusal {
  status: 400 | 414 | 417;
  detail: string;
  /** Whether to end the connection: its next bytes cannot be trusted to start a request. */
  close: boolean;
}

/**
 * The refusals below, for a request as Node parsed it; the fast path asks it too, and leaves a
 * refused request to the app.
 */
export function refusalOf(raw: IncomingMessage, maxUrlLength: number): Refusal | undefined {
  const url = raw.url ?? '';
  if (url.length > maxUrlLength) return { status: 414, detail: `The request target is longer than ${maxUrlLength} characters.`, close: false };
  const hosts = hostCount(raw.rawHeaders);
  if (hosts > 1 || (hosts === 0 && raw.httpVersion === '1.1')) {
    const detail = hosts > 1 ? 'The request has more than one Host header.' : 'An HTTP/1.1 request must have a Host header.';
    return { status: 400, detail, close: true };
  }
  const expect = raw.headers.expect;
  if (expect !== undefined && !CONTINUE.test(expect)) {
    return { status: 417, detail: `The expectation "${expect.slice(0, 100)}" cannot be met; only 100-continue is understood.`, close: true };
  }
  return undefined;
}

/**
 * Every reply names its request id (so a client can quote it). Before any work is done on it, a
 * request is refused with problem+json when its target is longer than any real query (414), when
 * it breaks HTTP's own rules on Host — none in HTTP/1.1, or more than one (400, RFC 9112 §3.2) —
 * or when it expects something other than 100-continue (417). Node would refuse the last two with
 * an empty body, and would close a CONNECT without a word; here they get problems too.
 */
export default fp(async function requestLimits(app: FastifyInstance, opts: { maxUrlLength: number; publicUrl: string }) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    const refusal = refusalOf(request.raw, opts.maxUrlLength);
    if (!refusal) return done();
    if (refusal.close) reply.header('connection', 'close');
    sendProblem(request, reply, opts.publicUrl, refusal.status, refusal.detail, undefined, refusal.status === 400 ? 'client-error' : undefined);
  });

  // Node answers an unknown expectation itself, unless someone listens: pass the request on to
  // the app, whose hook above refuses it with a problem.
  app.server.on('checkExpectation', (req, res) => app.server.emit('request', req, res));
  app.server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    socket.on('error', () => socket.destroy());
    socket.end(rawProblem(opts.publicUrl, 405, `CONNECT is not allowed; this API is read-only (${ALLOW}).`, undefined, { Allow: ALLOW }));
  });
});
