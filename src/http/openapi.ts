import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 as OA } from 'openapi-types';
import type { Dataset } from '../data/dataset.js';
import { problemBody } from './problem.js';
import { DeltaSchema, ObservationSchema } from './schemas/figures.js';
import { RankingSchema } from './schemas/tables.js';

/** The one rendering of the OpenAPI document: what `/openapi.json` serves and `npm run openapi` writes. */
export function renderOpenApi(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}

const int32 = (minimum: number, maximum: number) => ({ type: 'integer' as const, format: 'int32', minimum, maximum });
/** RATE_LIMIT_WINDOW_MS is at most a day. */
const WINDOW_SECONDS_MAX = 86_400;

/** CORS, the headers @fastify/rate-limit sends while rate limiting applies to the caller, and Retry-After. */
const HEADERS: Record<string, { description: string; schema: Record<string, unknown> }> = {
  'Access-Control-Allow-Origin': {
    description: 'Open data: pages of any origin may read every answer.',
    schema: { type: 'string', const: '*' },
  },
  'X-RateLimit-Limit': {
    description: 'Requests allowed per client address and window. Sent while rate limiting applies to the caller (by default to remote clients; see `limits.rateLimit` at /v1).',
    schema: int32(1, 2_147_483_647),
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: int32(0, 2_147_483_647),
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the current window ends.',
    schema: int32(0, WINDOW_SECONDS_MAX),
  },
  'Retry-After': {
    description: 'Seconds to wait before asking again.',
    schema: int32(0, WINDOW_SECONDS_MAX),
  },
};

const RATE_LIMIT_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

/**
 * Which headers an answer of a status may carry. An over-long request target (414) and a request
 * shed under load (503) are refused before the limiter counts them, but a 503 from an unreadable
 * store has been counted; the rate-limit headers are never promised, only declared.
 */
function headersFor(status: string): string[] {
  const names = status === '414' ? ['Access-Control-Allow-Origin'] : ['Access-Control-Allow-Origin', ...RATE_LIMIT_HEADERS];
  if (status === '429' || status === '503') names.push('Retry-After');
  return names;
}

/** Answers every operation may give, documented once under components.responses. */
const SHARED_RESPONSES: Record<string, string> = {
  304: 'NotModified',
  400: 'BadRequest',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  414: 'UriTooLong',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

const ref = (kind: 'headers' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });

function withHeaders(status: string, response: OA.ResponseObject): OA.ResponseObject {
  const names = headersFor(status);
  return { ...response, headers: { ...response.headers, ...Object.fromEntries(names.map((name) => [name, ref('headers', name)])) } };
}

/** Examples drawn from the data the document is built with, never written into the code. */
function examplesFrom(dataset: Dataset, publicUrl: string): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  const delta = dataset.deltas[0];
  const observation = delta ? dataset.figure(delta.table, delta.metric, delta.procedure, delta.to) : dataset.observations[0];
  if (observation) examples.Observation = ObservationSchema.parse(observation);
  if (delta) examples.Delta = DeltaSchema.parse(delta);
  if (dataset.rankings[0]) examples.Ranking = RankingSchema.parse(dataset.rankings[0]);
  const table = dataset.tables[0];
  if (table) {
    // A misspelt table id, as a client might send it.
    const typo = table.id.slice(0, -1);
    examples.Problem = problemBody(publicUrl, 404, `There is no table "${typo}".`, `/v1/tables/${typo}`, [
      { parameter: 'table', message: 'unknown table', allowed: dataset.tables.map((t) => t.id) },
    ]);
  }
  return examples;
}

/**
 * Finishes the document generated from the routes: answers and headers every operation shares
 * become components, rate-limit headers are declared where the server sends them, examples
 * come from the data, and the document says that the API is public (no security scheme).
 */
export function finishDocument(doc: OA.Document, dataset: Dataset, publicUrl: string): OA.Document {
  const components = doc.components ?? {};
  const responses: Record<string, OA.ResponseObject> = {};
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of ['get', 'head', 'options'] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      const answers = (operation.responses ?? {}) as Record<string, OA.ResponseObject | OA.ReferenceObject>;
      for (const [status, response] of Object.entries(answers)) {
        if ('$ref' in response) continue;
        const shared = SHARED_RESPONSES[status];
        if (shared && (!responses[shared] || responses[shared].description === response.description)) {
          responses[shared] ??= withHeaders(status, response);
          answers[status] = ref('responses', shared);
        } else {
          answers[status] = withHeaders(status, response);
        }
      }
    }
  }
  const schemas = (components.schemas ?? {}) as Record<string, OA.SchemaObject>;
  for (const [name, example] of Object.entries(examplesFrom(dataset, publicUrl))) {
    if (schemas[name]) schemas[name] = { ...schemas[name], example };
  }
  return {
    ...doc,
    servers: (doc.servers ?? []).map((server) => ({ ...server, 'x-internal': false })),
    // Public and read-only: no operation asks for credentials.
    security: [],
    components: { ...components, schemas, responses: { ...components.responses, ...responses }, headers: { ...components.headers, ...(HEADERS as Record<string, OA.HeaderObject>) } },
  };
}
