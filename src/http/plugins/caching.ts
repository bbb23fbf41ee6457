import etag from '@fastify/etag';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The data only changes with a new deployment, so every successful GET is cacheable and carries
 * a strong ETag. `If-None-Match` is answered later, once the bytes are final
 * (plugins/conditional-requests.ts), since compression changes them.
 */
export default fp(async function caching(app: FastifyInstance, opts: { maxAge: number }) {
  await app.register(etag, { weak: false, replyWith304: false });
  const cacheControl = `public, max-age=${opts.maxAge}`;
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && (reply.statusCode === 200 || reply.statusCode === 304)) {
      reply.header('cache-control', cacheControl);
    }
    done(null, payload);
  });
});
