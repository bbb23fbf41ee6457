import type { IncomingMessage } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Nothing to add: the client is not counted. */
const UNCOUNTED: readonly string[] = [];

/**
 * The rate limiter's verdict on a request that has not reached the app: the headers to send with
 * its answer, or, once the client is over its budget, undefined (the app then refuses it, with the
 * limiter's 429). Synchronous for a client the limiter does not count.
 */
export type FastPathCount = (req: IncomingMessage) => readonly string[] | Promise<readonly string[] | undefined>;

declare module 'fastify' {
  interface FastifyInstance {
    countOnFastPath: FastPathCount;
  }
}

/**
 * A fixed budget of requests per client address and window. Over it: 429 with `Retry-After`
 * and a problem+json body (thrown, so the error handler formats it like every other error).
 * The limiter runs as one instance-wide hook, so requests for unknown paths (a scanner's
 * guesses) spend the budget too. Local callers that are exempt skip it entirely; behind a proxy
 * (TRUST_PROXY) request.ip is the forwarded client, so only truly local callers are exempt.
 * Answers given on the fast path are counted in the same budget (`countOnFastPath`).
 */
export default fp(async function rateLimiting(
  app: FastifyInstance,
  opts: { max: number; windowMs: number; exemptLoopback: boolean; clientAddress: (req: IncomingMessage) => string },
) {
  if (opts.max <= 0) {
    app.decorate('countOnFastPath', () => UNCOUNTED);
    return;
  }
  await app.register(rateLimit, {
    global: false,
    max: opts.max,
    timeWindow: opts.windowMs,
    cache: 10_000,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, `More than ${context.max} requests in ${Math.round(opts.windowMs / 1000)} s; retry in ${context.after}.`),
  });
  const exempt = (ip: string) => opts.exemptLoopback && LOOPBACK.test(ip);
  const limit = app.rateLimit();
  // Callback style: the exempt path costs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (exempt(request.ip)) return done();
    limit.call(app, request, reply).then(() => done(), done);
  });

  // The same store and key (the client address, as request.ip gives it) through the limiter's
  // own check, which counts without answering. With the options above it reads the address and
  // the route's options of the request it is given; the fast path has no route, and no route
  // sets a limit of its own. A client over its budget is counted again by the app, which
  // refuses it: the window is fixed, so the second count changes nothing it is told.
  const check = app.createRateLimit();
  app.decorate('countOnFastPath', (req: IncomingMessage) => {
    const ip = opts.clientAddress(req);
    if (exempt(ip)) return UNCOUNTED;
    const request = { ip, raw: req, headers: req.headers, routeOptions: { config: {} } };
    return check(request as unknown as FastifyRequest).then((verdict) =>
      verdict.isAllowed
        ? UNCOUNTED
        : verdict.isExceeded
          ? undefined
          : ['x-ratelimit-limit', String(verdict.max), 'x-ratelimit-remaining', String(verdict.remaining), 'x-ratelimit-reset', String(verdict.ttlInSeconds)],
    );
  });
});
