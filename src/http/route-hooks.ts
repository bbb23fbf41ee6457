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
