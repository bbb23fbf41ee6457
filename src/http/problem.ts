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

/** The kinds of problem this API reports; each `type` URI resolves to its description at /problems/{slug}. */
export const PROBLEM_TYPES = {
  'invalid-request': {
    status: 400,
    nl: 'Een parameter ontbreekt, is onbekend of heeft een ongeldige waarde. `errors` noemt de parameter en de toegestane waarden.',
    en: 'A parameter is unknown or has a value of the wrong form. `errors` names the parameter and the values allowed.',
  },
  'not-found': {
    status: 404,
    nl: 'De gevraagde tabel, metriek of bron bestaat niet. `errors` noemt de bestaande ids.',
    en: 'The table, metric or resource asked for does not exist. `errors` lists the ids that do.',
  },
  'method-not-allowed': {
    status: 405,
    nl: 'Deze API kan alleen gelezen worden: gebruik GET, HEAD of OPTIONS.',
    en: 'This API is read-only: use GET, HEAD or OPTIONS.',
  },
  'not-acceptable': {
    status: 406,
    nl: 'Geen van de mediatypen in `Accept` wordt hier aangeboden. `errors` noemt de aangeboden typen; `?format=` kiest er een.',
    en: 'None of the media types in `Accept` is offered here. `errors` lists those offered; `?format=` picks one.',
  },
  'rate-limited': {
    status: 429,
    nl: 'Te veel verzoeken in korte tijd. Wacht het aantal seconden uit `Retry-After`.',
    en: 'Too many requests in a short time. Wait the number of seconds given in `Retry-After`.',
  },
  unavailable: {
    status: 503,
    nl: 'De dienst is tijdelijk overbelast of kan de gegevens niet lezen. Probeer het na `Retry-After` seconden opnieuw.',
    en: 'The service is overloaded for the moment or cannot read its data. Try again after `Retry-After` seconds.',
  },
  'client-error': { status: 400, nl: 'Het verzoek kan niet worden verwerkt.', en: 'The request cannot be processed.' },
  'server-error': { status: 500, nl: 'Er ging aan de kant van de dienst iets mis.', en: 'Something went wrong on the service\'s side.' },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

function slugFor(status: number): ProblemSlug {
  const match = (Object.keys(PROBLEM_TYPES) as ProblemSlug[]).find((slug) => PROBLEM_TYPES[slug].status === status);
  return match ?? (status >= 500 ? 'server-error' : 'client-error');
}

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
  const slug = slugFor(status);
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
