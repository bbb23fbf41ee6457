import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyHttpOptions } from 'fastify';
import type { Config } from '../config.js';
import { problemBody, sendProblem } from './problem.js';

/**
 * Errors the HTTP parser meets before Fastify sees a request (headers too large, malformed
 * request line, a request that takes too long to arrive) still answer with problem+json.
 */
export function clientErrorHandler(publicUrl: string) {
  return (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const detail =
      status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request is not valid HTTP.';
    const body = JSON.stringify(problemBody(publicUrl, status, detail, '/'));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(err);
  };
}

/** Trust the nearest `hops` proxies in X-Forwarded-For, as Fastify does for a number. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Limits and timeouts of the HTTP server, from the configuration. */
export function serverOptions(config: Config): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    http: { maxHeaderSize: config.MAX_HEADER_SIZE },
    bodyLimit: 64 * 1024,
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
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
