import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'"],
      // TLS ends at the load balancer; HSTS covers https, and plain http on loopback must keep working.
      'upgrade-insecure-requests': null,
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
};

/** Runs helmet once against a stand-in response and keeps the headers it sets. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/**
 * Helmet's security headers on every reply. They depend on nothing in the request, so helmet
 * runs once at start-up and each reply only copies the result (running helmet per request, as
 * @fastify/helmet does, costs about half of the throughput). They are added as the reply is
 * sent, to every answer that lacks them — refusals and errors included — so a route that sets its
 * own policy keeps it (pages, and /docs with its wider one), and the response cache stores them
 * with the bytes: a cached answer is written with them and costs nothing more. The policy lets
 * pages of this origin load their own scripts, styles, fonts and images and nothing from
 * elsewhere. Resources may be read cross-origin: this is open data.
 */
export default fp(async function securityHeaders(app: FastifyInstance, opts: { helmet?: HelmetOptions } = {}) {
  const headers = Object.entries(helmetHeaders(opts.helmet ?? HELMET_OPTIONS));
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of headers) if (!reply.hasHeader(name)) reply.header(name, value);
    done(null, payload);
  });
});
