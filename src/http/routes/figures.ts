import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DELTA_COLUMNS, FIGURE_COLUMNS, toCsv } from '../csv.js';
import { knownMetrics, knownTables, procedureList, unitList, yearList } from '../filters.js';
import { chooseFormat, linkAlternates, sendFormatted } from '../formats.js';
import { paginate } from '../paging.js';
import { ProblemSchema } from '../schemas/common.js';
import { DeltasPageSchema, FiguresPageSchema } from '../schemas/figures.js';
import { DeltasQuery, FiguresQuery } from '../schemas/queries.js';

const errors = { 400: ProblemSchema, 404: ProblemSchema };

export const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, config } = app;
  const meta = { license: config.license, source: config.sourceCitation };

  app.get('/v1/figures', {
    schema: {
      tags: ['data'],
      summary: 'All figures, filtered',
      description: 'Every observation of every table. Filters take comma-separated lists and combine with AND. CSV with `?format=csv` or `Accept: text/csv`.',
      querystring: FiguresQuery,
      response: { 200: FiguresPageSchema, ...errors },
    },
  }, async (request, reply) => {
    const q = request.query;
    const table = knownTables(dataset, q.table);
    const matches = dataset.figures({
      table,
      metric: knownMetrics(dataset, q.metric, table),
      procedure: procedureList(q.procedure),
      year: yearList(q.year),
      unit: unitList(q.unit),
    });
    const page = paginate(request, reply, matches, q.limit, q.offset);
    const format = chooseFormat(request, ['json', 'csv'], q.format);
    linkAlternates(request, reply, ['json', 'csv'], format);
    if (format === 'csv') return sendFormatted(reply, 'csv', toCsv(page.items, FIGURE_COLUMNS, q.lang), 'ind-figures');
    return { data: page.items, meta: { ...page.meta, ...meta } };
  });

  app.get('/v1/deltas', {
    schema: {
      tags: ['data'],
      summary: 'Year-over-year changes, filtered',
      description: 'Derived by this service, not official figures. `change` is in the metric\'s unit (percentage points for rates); `changePercent` is rounded to one decimal, half away from zero, and null for rates.',
      querystring: DeltasQuery,
      response: { 200: DeltasPageSchema, ...errors },
    },
  }, async (request, reply) => {
    const q = request.query;
    const table = knownTables(dataset, q.table);
    const matches = dataset.deltasWhere({
      table,
      metric: knownMetrics(dataset, q.metric, table),
      procedure: procedureList(q.procedure),
      from: yearList(q.from),
      to: yearList(q.to),
    });
    const page = paginate(request, reply, matches, q.limit, q.offset);
    const format = chooseFormat(request, ['json', 'csv'], q.format);
    linkAlternates(request, reply, ['json', 'csv'], format);
    if (format === 'csv') return sendFormatted(reply, 'csv', toCsv(page.items, DELTA_COLUMNS, q.lang), 'ind-deltas');
    return { data: page.items, meta: { ...page.meta, ...meta, derived: true } };
  });
};
