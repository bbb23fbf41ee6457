import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { knownMetrics, knownTables, procedureList, unitList, viewOf, yearWindow } from '../filters.js';
import { negotiatedResponses, respond } from '../renderers/index.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { SeriesQuery } from '../schemas/queries.js';

/** One series per table, metric and procedure over every year, each point with its vintages. */
export const seriesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, config } = app;

  app.get('/v1/series', {
    schema: {
      tags: ['data'],
      summary: 'Series over the years, with every release\'s value of each point',
      description: 'One series per table, metric and procedure, oldest year first. Each point gives the current value, its precision and the release it comes from, and every release\'s value for that year (`vintages`); `disagree` marks points where releases differ. `release` or `asOf` answer as the data stood then. The wide CSV has a column per year.',
      querystring: SeriesQuery,
      response: { ...negotiatedResponses('series-list', 'The series, as JSON, CSV or CSVW metadata'), ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request, reply) => {
    const q = request.query;
    const table = knownTables(dataset, q.table);
    const filter = {
      table,
      metric: knownMetrics(dataset, q.metric, table),
      procedure: procedureList(q.procedure),
      unit: unitList(q.unit),
      ...yearWindow(q),
    };
    const view = viewOf(dataset, q);
    const series = view.series(filter);
    return respond(request, reply, {
      kind: 'series-list',
      data: {
        body: { data: series, meta: { total: series.length, license: config.license, source: config.sourceCitation } },
        rows: view.figures(filter),
        filename: 'ind-series',
        title: { nl: 'IND-statistieken: reeksen', en: 'IND statistics: series' },
        description: { nl: 'Reeksen over de jaren, gefilterd zoals in de URL.', en: 'Series over the years, filtered as in the URL.' },
      },
    });
  });
};
