import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** True once the app has begun to close: answers then end their connection. */
    draining: boolean;
  }
}

/**
 * While the app closes, requests already in flight are still answered, each with
 * `Connection: close`, so that a keep-alive client does not send its next request down a
 * connection about to go (Fastify itself answers requests that arrive after that point).
 */
export default fp(async function draining(app: FastifyInstance) {
  app.decorate('draining', false);
  app.addHook('preClose', (done) => {
    app.draining = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (app.draining) reply.header('connection', 'close');
    done(null, payload);
  });
});
