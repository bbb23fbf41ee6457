import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Brotli or gzip, whichever the client prefers; bodies under 1 KiB go as they are (the
 * headers would outweigh the saving). Our bodies are at most a few hundred KiB, so they are
 * compressed in one synchronous step, which yields a Buffer the response cache can keep.
 */
export default fp(async function compression(app: FastifyInstance) {
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    syncThreshold: 4 * 1024 * 1024,
  });
});
