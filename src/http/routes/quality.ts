import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { knownTables, yearList } from '../filters.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { ChecksQuery, NationalitiesQuery } from '../schemas/queries.js';
import { ChecksSchema, NationalitiesSchema } from '../schemas/tables.js';

export const rankingAndCheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset } = app;

  app.get('/v1/nationalities', {
    schema: {
      operationId: 'listNationalityRankings',
      tags: ['data'],
      summary: 'Top-3 nationality rankings',
      description: 'The three nationalities the report names most often beside a table, with ISO 3166-1 alpha-2 codes.',
      querystring: NationalitiesQuery,
      response: { 200: NationalitiesSchema, ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request) => ({
    data: dataset.nationalities(knownTables(dataset, request.query.table), yearList(request.query.year)),
  }));

  app.get('/v1/checks', {
    schema: {
      operationId: 'listChecks',
      tags: ['quality'],
      summary: 'Consistency checks of the figures',
      description:
        'Identities the report\'s figures should satisfy (totals against TEV + VVR, total grant rates against the decision-weighted TEV and VVR rates, the finance result against income minus expenses, the stated share of personnel costs), each with the tolerance the report\'s rounding allows and whether it holds.',
      querystring: ChecksQuery,
      response: { 200: ChecksSchema, ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request) => {
    const holds = request.query.holds === undefined ? undefined : request.query.holds === 'true';
    const data = dataset.checksWhere(knownTables(dataset, request.query.table), holds);
    const holding = data.filter((c) => c.holds).length;
    return { data, meta: { total: data.length, holding, failing: data.length - holding } };
  });
};
