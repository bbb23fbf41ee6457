import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const EXPOSED = ['ETag', 'Link', 'Content-Disposition', 'Content-Range', 'Accept-Ranges', 'Retry-After', 'X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/** Open data: any origin may read. Errors and CSV carry the headers too, since the hook runs on every reply. */
export default fp(async function corsPlugin(app: FastifyInstance) {
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'OPTIONS'],
    // One string: given a list, the plugin joins it again for every request.
    exposedHeaders: EXPOSED.join(', '),
    maxAge: 86400,
    // A plain OPTIONS (no preflight headers) is answered too, with Allow, rather than refused.
    strictPreflight: false,
  });
});
