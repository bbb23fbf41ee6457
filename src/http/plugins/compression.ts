import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';

const ENCODINGS = ['br', 'gzip'] as const;

/**
 * Brotli or gzip, whichever the client prefers; bodies under 1 KiB go as they are (the
 * headers would outweigh the saving). Our bodies are at most a few hundred KiB, so they are
 * compressed in one synchronous step, which yields a Buffer the response cache can keep.
 * A client that refuses every encoding we have, identity included (`identity;q=0, *;q=0`),
 * gets 406: no representation would be acceptable to it.
 */
export default fp(async function compression(app: FastifyInstance, opts: { publicUrl: string }) {
  await app.register(compress, {
    global: true,
    encodings: [...ENCODINGS],
    threshold: 1024,
    syncThreshold: 4 * 1024 * 1024,
  });
  app.addHook('onRequest', (request, reply, done) => {
    const header = request.headers['accept-encoding'];
    // Only a zero weight can rule identity out; any other header needs no negotiation here.
    if (header === undefined || !header.includes('q=0') || request.accepts().encoding([...ENCODINGS, 'identity'])) return done();
    sendProblem(request, reply, opts.publicUrl, 406, `No encoding the service can send is acceptable (Accept-Encoding: ${header.slice(0, 200)}); identity, gzip and br are available.`);
  });
});
