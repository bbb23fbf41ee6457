import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, PROBLEM_TYPES, type ProblemSlug } from '../problem.js';
import { LocalizedSchema, COMMON_RESPONSES, int32, NOT_FOUND_RESPONSE, UrlSchema } from '../schemas/common.js';
import { NoQuery } from '../schemas/queries.js';

const ProblemTypeSchema = z
  .object({ type: UrlSchema, status: int32(400, 599), description: LocalizedSchema })
  .meta({ id: 'ProblemType', description: 'What a problem `type` of this API means.' });

/** Makes every problem `type` URI dereferenceable, as RFC 9457 recommends. */
export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/problems/:slug', {
    schema: {
      operationId: 'getProblemType',
      tags: ['service'],
      summary: 'The meaning of a problem type',
      params: z.strictObject({ slug: z.string().max(50) }),
      querystring: NoQuery,
      response: { 200: ProblemTypeSchema, ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request) => {
    const slug = request.params.slug;
    if (!Object.hasOwn(PROBLEM_TYPES, slug)) {
      throw new HttpProblem(404, `There is no problem type "${slug}".`, [
        { parameter: 'slug', message: 'unknown problem type', allowed: Object.keys(PROBLEM_TYPES) },
      ]);
    }
    const { status, nl, en } = PROBLEM_TYPES[slug as ProblemSlug];
    return { type: `${app.config.PUBLIC_URL}/problems/${slug}`, status, description: { nl, en } };
  });
};
