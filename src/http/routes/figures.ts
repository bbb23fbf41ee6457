import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { knownMetrics, knownTables, procedureList, unitList, viewOf, yearList, yearWindow } from '../filters.js';
import { paginate } from '../paging.js';
import { describeFormats, negotiatedResponses, respond } from '../renderers/index.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { DeltasQuery, FiguresQuery } from '../schemas/queries.js';
import { DELTA_NOTE } from '../../publication.js';

const errors = { ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE };

export const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, config } = app;
  const meta = { license: config.license, source: config.sourceCitation };

  app.get('/v1/figures', {
    schema: {
      tags: ['data'],
      summary: 'All figures, filtered',
      description: `Every observation of every table: its current value and, in \`history\`, every release's value. Filters take comma-separated lists and combine with AND; \`release\` or \`asOf\` answer as the data stood then; \`startYear\`, \`endYear\` and \`lastN\` keep some years. Representations: ${describeFormats('figure-list')}.`,
      querystring: FiguresQuery,
      response: { ...negotiatedResponses('figure-list', 'A page of figures, as JSON, CSV or CSVW metadata'), ...errors },
    },
  }, async (request, reply) => {
    const q = request.query;
    const table = knownTables(dataset, q.table);
    const matches = viewOf(dataset, q).figures({
      table,
      metric: knownMetrics(dataset, q.metric, table),
      procedure: procedureList(q.procedure),
      year: yearList(q.year),
      unit: unitList(q.unit),
      ...yearWindow(q),
    });
    const page = paginate(request, reply, matches, q.limit, q.offset);
    return respond(request, reply, {
      kind: 'figure-list',
      data: {
        body: { data: page.items, meta: { ...page.meta, ...meta } },
        rows: page.items,
        filename: 'ind-figures',
        title: { nl: 'IND-statistieken: cijfers', en: 'IND statistics: figures' },
        description: { nl: 'Cijfers uit het IND-jaarverslag, gefilterd zoals in de URL.', en: 'Figures of the IND annual report, filtered as in the URL.' },
      },
    });
  });

  app.get('/v1/deltas', {
    schema: {
      tags: ['data'],
      summary: 'Year-over-year changes, filtered',
      description: `Derived by this service from the current values, for every two consecutive years that both have a figure; not official figures. Their \`precision\` is the coarser of the two values'. \`startYear\` and \`endYear\` bound both years of a change; \`lastN\` keeps the latest N changes of each series. \`change\` is in the metric's unit (percentage points for rates); \`changePercent\` is rounded to one decimal, half away from zero, and null for rates. Representations: ${describeFormats('delta-list')}.`,
      querystring: DeltasQuery,
      response: { ...negotiatedResponses('delta-list', 'A page of year-over-year changes, as JSON, CSV or CSVW metadata'), ...errors },
    },
  }, async (request, reply) => {
    const q = request.query;
    const table = knownTables(dataset, q.table);
    const matches = viewOf(dataset, q).deltasWhere({
      table,
      metric: knownMetrics(dataset, q.metric, table),
      procedure: procedureList(q.procedure),
      from: yearList(q.from),
      to: yearList(q.to),
      ...yearWindow(q),
    });
    const page = paginate(request, reply, matches, q.limit, q.offset);
    return respond(request, reply, {
      kind: 'delta-list',
      data: {
        body: { data: page.items, meta: { ...page.meta, ...meta, derived: true } },
        rows: page.items,
        filename: 'ind-deltas',
        title: { nl: 'IND-statistieken: veranderingen per jaar', en: 'IND statistics: year-over-year changes' },
        description: DELTA_NOTE,
      },
    });
  });
};
