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

interface ProblemType {
  status: number;
  /** The reason phrase of RFC 9110 for the status. */
  title: string;
  nl: string;
  en: string;
}

/**
 * Every kind of problem this API reports, in one table: the status it is sent with, its title,
 * and what it means. Each `type` URI resolves to its description at /problems/{slug}. The first
 * entry of a status is the type a problem of that status gets unless another one is named, so
 * every status the server sends has its title and type here, and nowhere else.
 */
export const PROBLEM_TYPES = {
  'invalid-request': {
    status: 400,
    title: 'Bad Request',
    nl: 'Een parameter ontbreekt, is onbekend of heeft een ongeldige waarde. `errors` noemt de parameter en de toegestane waarden.',
    en: 'A parameter is unknown or has a value of the wrong form. `errors` names the parameter and the values allowed.',
  },
  'client-error': {
    status: 400,
    title: 'Bad Request',
    nl: 'Het verzoek is geen geldig HTTP: het is misvormd, of heeft geen of twee Host-headers.',
    en: 'The request is not valid HTTP: it is malformed, or it has no Host header or two of them.',
  },
  'not-found': {
    status: 404,
    title: 'Not Found',
    nl: 'De gevraagde tabel, metriek of bron bestaat niet. `errors` noemt de bestaande ids.',
    en: 'The table, metric or resource asked for does not exist. `errors` lists the ids that do.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method Not Allowed',
    nl: 'Deze API kan alleen gelezen worden: gebruik GET, HEAD of OPTIONS.',
    en: 'This API is read-only: use GET, HEAD or OPTIONS.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not Acceptable',
    nl: 'Geen van de mediatypen in `Accept` (of de coderingen in `Accept-Encoding`) wordt hier aangeboden. `errors` noemt de aangeboden typen; `?format=` kiest er een.',
    en: 'None of the media types in `Accept` (or the encodings in `Accept-Encoding`) is offered here. `errors` lists those offered; `?format=` picks one.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request Timeout',
    nl: 'Het verzoek kwam niet op tijd volledig binnen; de verbinding wordt gesloten.',
    en: 'The request did not arrive in full in time; the connection is closed.',
  },
  'content-too-large': {
    status: 413,
    title: 'Content Too Large',
    nl: 'Het verzoek heeft een te grote inhoud. Deze API leest geen inhoud van verzoeken.',
    en: 'The request carries too large a body. This API reads no request bodies.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI Too Long',
    nl: 'Het adres van het verzoek, of een deel van het pad, is langer dan deze API toestaat.',
    en: 'The request target, or a segment of its path, is longer than this API allows.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported Media Type',
    nl: 'De inhoud van het verzoek heeft een mediatype dat deze API niet leest.',
    en: 'The request body has a media type this API does not read.',
  },
  'range-not-satisfiable': {
    status: 416,
    title: 'Range Not Satisfiable',
    nl: 'Het gevraagde bereik (Range) valt buiten het bestand of vraagt meer dan één bereik. `Content-Range` geeft de lengte.',
    en: 'The range asked for (Range) lies outside the file or names more than one range. `Content-Range` gives the length.',
  },
  'expectation-failed': {
    status: 417,
    title: 'Expectation Failed',
    nl: 'De Expect-header vraagt iets anders dan `100-continue`; dat kan deze dienst niet waarmaken.',
    en: 'The Expect header asks for something other than `100-continue`, which this service cannot meet.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too Many Requests',
    nl: 'Te veel verzoeken in korte tijd. Wacht het aantal seconden uit `Retry-After`.',
    en: 'Too many requests in a short time. Wait the number of seconds given in `Retry-After`.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request Header Fields Too Large',
    nl: 'De headers van het verzoek zijn samen groter dan deze dienst toestaat.',
    en: 'The request headers together are larger than this service allows.',
  },
  'server-error': {
    status: 500,
    title: 'Internal Server Error',
    nl: 'Er ging aan de kant van de dienst iets mis.',
    en: "Something went wrong on the service's side.",
  },
  unavailable: {
    status: 503,
    title: 'Service Unavailable',
    nl: 'De dienst is tijdelijk overbelast of kan de gegevens niet lezen. Probeer het na `Retry-After` seconden opnieuw.',
    en: 'The service is overloaded for the moment or cannot read its data. Try again after `Retry-After` seconds.',
  },
} as const satisfies Record<string, ProblemType>;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;
/** The statuses this API sends problems with; a status missing from the table does not compile. */
export type ProblemStatus = (typeof PROBLEM_TYPES)[ProblemSlug]['status'];

const DEFAULT_TYPE = new Map<number, ProblemSlug>();
for (const slug of Object.keys(PROBLEM_TYPES) as ProblemSlug[]) {
  if (!DEFAULT_TYPE.has(PROBLEM_TYPES[slug].status)) DEFAULT_TYPE.set(PROBLEM_TYPES[slug].status, slug);
}

export function isProblemStatus(status: number): status is ProblemStatus {
  return DEFAULT_TYPE.has(status);
}

/** Thrown by routes for an expected client error; the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly detail: string,
    readonly errors?: ParameterError[],
  ) {
    super(detail);
  }
}

export function problemBody(
  publicUrl: string,
  status: ProblemStatus,
  detail: string,
  instance: string,
  errors?: ParameterError[],
  type: ProblemSlug = DEFAULT_TYPE.get(status)!,
): Problem {
  const body: Problem = {
    type: `${publicUrl}/problems/${type}`,
    title: PROBLEM_TYPES[type].title,
    status,
    detail,
    instance: instance.split('?')[0] ?? '/',
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
  status: ProblemStatus,
  detail: string,
  errors?: ParameterError[],
  type?: ProblemSlug,
) {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problemBody(publicUrl, status, detail, request.url, errors, type)));
}
