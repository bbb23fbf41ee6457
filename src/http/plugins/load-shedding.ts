import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

export const RETRY_AFTER_SECONDS = 5;

/**
 * When the event loop lags behind by more than the configured delay, every request (including
 * /health, so a load balancer moves traffic elsewhere) is answered at once with 503 and
 * `Retry-After` instead of queueing more work.
 */
export default fp(async function loadShedding(
  app: FastifyInstance,
  opts: { maxEventLoopDelay: number; sampleInterval?: number },
) {
  if (opts.maxEventLoopDelay <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelay,
    sampleInterval: opts.sampleInterval ?? 1000,
    retryAfter: RETRY_AFTER_SECONDS,
    pressureHandler: (request, reply, type, value) => {
      request.log.warn({ type, value }, 'shedding load');
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      // A rejection hands the problem to the error handler, which writes it as problem+json.
      return Promise.reject(new HttpProblem(503, 'The service is overloaded; retry shortly.'));
    },
  });
});
