import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyHttpOptions } from 'fastify';
import type { Config } from '../config.js';
import { PROBLEM_CONTENT_TYPE, problemBody, sendProblem, type ProblemSlug, type ProblemStatus } from './problem.js';

/**
 * A whole problem+json response as raw bytes, for the answers given on the socket itself, before
 * (or instead of) a request reaching Fastify. The connection is closed after it.
 */
export function rawProblem(publicUrl: string, status: ProblemStatus, detail: string, type?: ProblemSlug, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(problemBody(publicUrl, status, detail, '/', undefined, type));
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${body}`
  );
}

const PARSER_REFUSALS: Record<string, { status: ProblemStatus; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, detail: 'The chunk extensions of the request body are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request took too long to arrive.' },
};

/**
 * Errors the HTTP parser meets before Fastify sees a request (headers too large, malformed
 * request line or headers, a request that takes too long to arrive) still answer with
 * problem+json, unless a response on that connection has already begun: bytes written then
 * would corrupt it, so the connection is only closed.
 */
export function clientErrorHandler(publicUrl: string) {
  return (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, detail } = PARSER_REFUSALS[err.code ?? ''] ?? { status: 400, detail: 'The request is not valid HTTP.' };
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      socket.write(rawProblem(publicUrl, status, detail, status === 400 ? 'client-error' : undefined));
    }
    socket.destroy(err);
  };
}

/** Trust the nearest `hops` proxies in X-Forwarded-For, as Fastify does for a number. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

type Trust = (address: string, hop: number) => boolean;

/** Which proxies' X-Forwarded-For to believe (TRUST_PROXY), as one function; undefined for none. */
function trustOf(setting: Config['TRUST_PROXY']): Trust | undefined {
  if (setting === false) return undefined;
  if (setting === true) return () => true;
  if (typeof setting === 'number') return trustHops(setting);
  return proxyAddr.compile(setting);
}

/**
 * The client's address as Fastify's request.ip gives it, for a request that has not reached
 * Fastify (on the fast path): the peer, or behind trusted proxies the forwarded client.
 */
export function clientAddressOf(config: Config): (req: IncomingMessage) => string {
  const trust = trustOf(config.TRUST_PROXY);
  if (!trust) return (req) => req.socket.remoteAddress ?? '';
  return (req) => proxyAddr.all(req, trust).at(-1) ?? '';
}

/**
 * How often Node looks for requests that have taken longer than REQUEST_TIMEOUT_MS. Its default,
 * 30 s, would let a slow client hold a connection up to 30 s past the limit; checking twice a
 * second (more often for a short limit) cuts it off well within a second of it, at the cost of
 * one walk over the open connections each time.
 */
export const timeoutCheckInterval = (requestTimeout: number) => Math.max(50, Math.min(500, Math.floor(requestTimeout / 2) || 500));

/** Limits and timeouts of the HTTP server, from the configuration. */
export function serverOptions(config: Config): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    http: {
      maxHeaderSize: config.MAX_HEADER_SIZE,
      // Given here too, so that Node derives the time allowed for the headers from it.
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: timeoutCheckInterval(config.REQUEST_TIMEOUT_MS),
      // Node refuses a request without Host with an empty 400; the app refuses it with a problem.
      requireHostHeader: false,
    },
    bodyLimit: 64 * 1024,
    trustProxy: trustOf(config.TRUST_PROXY) ?? false,
    clientErrorHandler: clientErrorHandler(config.PUBLIC_URL),
    // Path segments the router refuses (too long, malformed percent-encoding) never reach a route
    // or its hooks; they still get problem+json, open CORS and a request id.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode === 414 ? 414 : 400;
      const detail = status === 414 ? 'A path segment is too long.' : 'The path is not validly percent-encoded.';
      reply.header('access-control-allow-origin', '*').header('x-request-id', request.id);
      return sendProblem(request, reply, config.PUBLIC_URL, status, detail);
    },
  };
}
