import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * A fixed budget of requests per client address and window. Over it: 429 with `Retry-After`
 * and a problem+json body (thrown, so the error handler formats it like every other error).
 * The limiter runs as one instance-wide hook, so requests for unknown paths (a scanner's
 * guesses) spend the budget too. Local callers that are exempt skip it entirely; behind a proxy
 * (TRUST_PROXY) request.ip is the forwarded client, so only truly local callers are exempt.
 */
export default fp(async function rateLimiting(app: FastifyInstance, opts: { max: number; windowMs: number; exemptLoopback: boolean }) {
  if (opts.max <= 0) return;
  await app.register(rateLimit, {
    global: false,
    max: opts.max,
    timeWindow: opts.windowMs,
    cache: 10_000,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, `More than ${context.max} requests in ${Math.round(opts.windowMs / 1000)} s; retry in ${context.after}.`),
  });
  const limit = app.rateLimit();
  // Callback style: the exempt path costs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (opts.exemptLoopback && LOOPBACK.test(request.ip)) return done();
    limit.call(app, request, reply).then(() => done(), done);
  });
});
