import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '../../domain.js';
import { SDMX_ERRORS, SdmxError } from '../../sdmx/errors.js';
import { messageHeader } from '../../sdmx/header.js';
import { Labels } from '../../sdmx/labels.js';
import { errorMessage } from '../../sdmx/ml-error.js';
import { buildStructuralModel, type StructuralModel } from '../../sdmx/model.js';
import { HttpProblem } from '../problem.js';
import { varyOn } from '../renderers/index.js';
import { prefersXmlErrors, SDMX_ERROR_CONTENT_TYPE } from '../renderers/sdmx.js';

/** When the data last changed (its newest release): `updatedAfter` compares with it and message headers state it. */
export const lastModifiedOf = (app: FastifyInstance): Date => app.dataset.lastModified ?? new Date(0);

const models = new WeakMap<FastifyInstance['dataset'], { model: StructuralModel; labels: Labels }>();

/** The structural model of the app's dataset, built once for both SDMX APIs. */
export function sdmxModel(app: FastifyInstance) {
  let built = models.get(app.dataset);
  if (!built) {
    const model = buildStructuralModel(app.dataset);
    built = { model, labels: new Labels(model) };
    models.set(app.dataset, built);
  }
  return built;
}

export const headerFor = (request: FastifyRequest) => messageHeader(request.url, lastModifiedOf(request.server));

/** SDMX chooses the language of names by Accept-Language. */
export function languageOf(request: FastifyRequest, reply: FastifyReply): Language {
  varyOn(reply, 'Accept-Language');
  return request.headers['accept-language'] ? ((request.accepts().language(['en', 'nl']) || 'en') as Language) : 'en';
}

export const PositiveInt = z.coerce.number().int().min(1).max(1_000_000).meta({ format: 'int32' });

/**
 * Errors under /sdmx speak SDMX: its error code and HTTP status. An XML client gets an SDMX-ML
 * Error message; everyone else problem+json, through the API's own error handler.
 */
export function sdmxErrors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | SdmxError, request, reply) => {
    let sdmx: SdmxError | undefined;
    if (error instanceof SdmxError) sdmx = error;
    else if (hasZodFastifySchemaValidationErrors(error)) sdmx = new SdmxError('syntax', `Invalid parameter: ${error.validation.map((v) => `${v.instancePath.replace(/^\//, '') || 'request'} ${v.message ?? ''}`.trim()).join('; ')}.`);
    else if (error instanceof HttpProblem && error.status === 406) sdmx = new SdmxError('notAcceptable', error.detail);
    if (sdmx && prefersXmlErrors(request)) {
      return reply.code(sdmx.status).type(SDMX_ERROR_CONTENT_TYPE).header('cache-control', 'no-store').send(errorMessage(sdmx));
    }
    if (sdmx && !(error instanceof HttpProblem) && !hasZodFastifySchemaValidationErrors(error)) {
      throw new HttpProblem(sdmx.status, `SDMX error ${sdmx.code} (${SDMX_ERRORS[sdmx.kind].text}): ${sdmx.detail}`, sdmx.parameter ? [{ parameter: sdmx.parameter, message: sdmx.detail }] : undefined);
    }
    throw error;
  });
}

/**
 * A stable, readable operation id for one of the paths a query is served at, which differ by how
 * many trailing path parameters they take: `getSdmx21Data`, `getSdmx21DataByKey`, ….
 */
export function operationIdFor(stem: string, path: string): string {
  const params = path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));
  const last = params.length > 1 ? params[params.length - 1]! : undefined;
  return last ? `${stem}By${last[0]!.toUpperCase()}${last.slice(1)}` : stem;
}

/**
 * The path parameters one of a query's paths takes: only those in the path, each required there,
 * so that the OpenAPI document describes every path exactly.
 */
export function paramsIn<T extends z.ZodObject>(schema: T, path: string) {
  const names = path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));
  const required = (s: z.ZodType) => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s);
  return z.strictObject(Object.fromEntries(names.map((n) => [n, required(schema.shape[n] as z.ZodType)])));
}
