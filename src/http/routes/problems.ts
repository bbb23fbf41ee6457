import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, PROBLEM_TYPES, type ProblemSlug } from '../problem.js';
import { LocalizedSchema, COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { NoQuery } from '../schemas/queries.js';

const ProblemTypeSchema = z
  .object({ type: z.string(), title: z.string(), status: z.int(), description: LocalizedSchema })
  .meta({ id: 'ProblemType', description: 'What a problem `type` of this API means, with the status and title it comes with.' });

/** Makes every problem `type` URI dereferenceable, as RFC 9457 recommends, and lists them all. */
export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  const describe = (slug: ProblemSlug) => {
    const { status, title, nl, en } = PROBLEM_TYPES[slug];
    return { type: `${app.config.PUBLIC_URL}/problems/${slug}`, title, status, description: { nl, en } };
  };
  const slugs = Object.keys(PROBLEM_TYPES) as ProblemSlug[];

  app.get('/problems', {
    schema: {
      tags: ['service'],
      summary: 'Every problem type this API reports',
      querystring: NoQuery,
      response: { 200: z.object({ problems: z.array(ProblemTypeSchema) }), ...COMMON_RESPONSES },
    },
  }, async () => ({ problems: slugs.map(describe) }));

  app.get('/problems/:slug', {
    schema: {
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
        { parameter: 'slug', message: 'unknown problem type', allowed: slugs },
      ]);
    }
    return describe(slug as ProblemSlug);
  });
};
