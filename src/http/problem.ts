import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ParameterError {
  parameter: string;
  message: string;
  allowed?: string[];
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: ParameterError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const SLUGS: Record<number, string> = {
  400: 'invalid-request',
  404: 'not-found',
  405: 'method-not-allowed',
  429: 'rate-limited',
  503: 'unavailable',
};

/** Thrown by routes for an expected client error; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: ParameterError[],
  ) {
    super(detail);
  }
}

export function problemBody(publicUrl: string, status: number, detail: string, instance: string, errors?: ParameterError[]): Problem {
  const slug = SLUGS[status] ?? (status >= 500 ? 'server-error' : 'client-error');
  const body: Problem = {
    type: `${publicUrl}/problems/${slug}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    instance: instance.split('?')[0] ?? '/',
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
  status: number,
  detail: string,
  errors?: ParameterError[],
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problemBody(publicUrl, status, detail, request.url, errors)));
}
