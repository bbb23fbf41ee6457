import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem, isProblemStatus, sendProblem, type ParameterError } from '../problem.js';

type Validation = NonNullable<FastifyError['validation']>[number];

/** Parameter names and their allowed values, for messages that tell a client what would work. */
export type AllowedValues = Record<string, readonly string[]>;

function parameterErrors(validation: Validation[], allowed: AllowedValues, known: string[]): ParameterError[] {
  return validation.flatMap((v) => {
    const issue = v.params as { keys?: string[]; values?: unknown[] } | undefined;
    if (v.keyword === 'unrecognized_keys' && issue?.keys) {
      return issue.keys.map((key) => ({ parameter: key, message: 'unknown parameter', allowed: known }));
    }
    const parameter = v.instancePath.replace(/^\//, '').split('/')[0] || 'request';
    const repeated = v.keyword === 'invalid_type' && /received array/.test(v.message ?? '');
    const message = repeated ? 'given more than once; pass a single value (lists are comma-separated)' : (v.message ?? 'invalid value');
    const error: ParameterError = { parameter, message };
    const values = issue?.values?.map(String) ?? allowed[parameter];
    if (values) error.allowed = [...values];
    return [error];
  });
}

/**
 * One place decides how errors look: every 4xx and 5xx is problem+json. Request validation
 * errors (the client's fault, 400) are told apart from response serialization errors (ours, 500,
 * logged, never shown).
 */
export default fp(async function errors(app: FastifyInstance, opts: { publicUrl: string; allowed: AllowedValues }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(request, reply, opts.publicUrl, error.status, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const schema = request.routeOptions.schema?.[error.validationContext === 'params' ? 'params' : 'querystring'] as
        | { shape?: Record<string, unknown> }
        | undefined;
      const errors = parameterErrors(error.validation, opts.allowed, Object.keys(schema?.shape ?? {}));
      const where = error.validationContext === 'params' ? 'path' : 'query';
      const detail = `Invalid ${where} parameter${errors.length > 1 ? 's' : ''}: ${errors.map((e) => e.parameter).join(', ')}.`;
      return sendProblem(request, reply, opts.publicUrl, 400, detail, errors);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(request, reply, opts.publicUrl, 500, 'The server could not produce a valid response.');
    }
    const code = error.statusCode ?? 500;
    if (code >= 500 || code < 400) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, opts.publicUrl, code === 503 ? 503 : 500, 'The server could not answer this request.');
    }
    // Fastify's own client errors (bad JSON, too large a body, unsupported media type…) keep their
    // status where the problem table knows it; any other 4xx is a plain 400.
    return sendProblem(request, reply, opts.publicUrl, isProblemStatus(code) ? code : 400, error.message, undefined, isProblemStatus(code) ? undefined : 'client-error');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, opts.publicUrl, 404, `No resource at ${request.url.split('?')[0]}. Start at /v1 for the list of resources.`),
  );
});
