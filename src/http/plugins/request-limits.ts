import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';

/**
 * Every reply names its request id (so a client can quote it), and a request target longer
 * than any real query is refused with 414 before any work is done on it.
 */
export default fp(async function requestLimits(app: FastifyInstance, opts: { maxUrlLength: number; publicUrl: string }) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (request.url.length > opts.maxUrlLength) {
      sendProblem(request, reply, opts.publicUrl, 414, `The request target is longer than ${opts.maxUrlLength} characters.`);
      return;
    }
    done();
  });
});
