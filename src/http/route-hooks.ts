import type { FastifyInstance, onRequestHookHandler, onSendHookHandler } from 'fastify';

/**
 * Appends a hook to every route registered from now on. Route hooks run after the instance's
 * own, and in the order appended, which lets a plugin place itself after another plugin that
 * hooks into routes (compression does).
 */
export function appendToEveryRoute(app: FastifyInstance, name: 'onRequest', hook: onRequestHookHandler): void;
export function appendToEveryRoute(app: FastifyInstance, name: 'onSend', hook: onSendHookHandler): void;
export function appendToEveryRoute(app: FastifyInstance, name: 'onRequest' | 'onSend', hook: unknown): void {
  app.addHook('onRoute', (route) => {
    const hooks = route as unknown as Record<string, unknown>;
    const existing = hooks[name];
    hooks[name] = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), hook];
  });
}

/**
 * HEAD runs exactly what GET runs, so that both answer with the same status and headers
 * (negotiated type and encoding, length, ETag, caching). Fastify's HEAD route for a GET route
 * drops the body in its first onSend hook, before compression, ETags and the response cache see
 * it; that hook (fastify's `headRouteOnSendHandler`) is taken out, and Node itself leaves the
 * body out of a response to HEAD.
 */
export function answerHeadLikeGet(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.method !== 'HEAD' || !route.onSend) return;
    const hooks = Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = hooks.filter((hook) => hook.name !== 'headRouteOnSendHandler');
  });
  // Fastify gives a bodiless GET answer (a redirect) `Content-Length: 0` but leaves it off for HEAD.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (payload == null && request.method === 'HEAD' && reply.statusCode !== 204 && reply.statusCode !== 304) reply.header('content-length', '0');
    done(null, payload);
  });
}
