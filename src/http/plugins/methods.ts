import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from '../problem.js';

export const ALLOW = 'GET, HEAD, OPTIONS';

/** `/v1/tables/:table` → a pattern matching the concrete paths of that route (trailing slash allowed). */
function pathPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * The API is read-only. Any other method on a path that exists is 405 with `Allow` (not 404),
 * answered before a body is read; OPTIONS names the allowed methods too.
 */
export default fp(async function methods(app: FastifyInstance, opts: { publicUrl: string }) {
  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET') && !route.url.includes('*')) routes.push(route.url);
  });
  // Made on the first request with another method rather than at start-up, which they would lengthen.
  let known: RegExp[] | undefined;
  const isKnown = (url: string) => {
    const path = url.split('?')[0] ?? '/';
    return (known ??= routes.map(pathPattern)).some((p) => p.test(path));
  };

  // On send, so that CORS preflights, which are answered before this plugin's onRequest, carry it too.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'OPTIONS') reply.header('allow', ALLOW);
    done(null, payload);
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404 && request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS' && isKnown(request.url)) {
      reply.header('allow', ALLOW);
      sendProblem(request, reply, opts.publicUrl, 405, `${request.method} is not allowed here; this API is read-only (${ALLOW}).`);
      return;
    }
    done();
  });
});
