import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DELTA_COLUMNS, FIGURE_COLUMNS, toCsv } from '../csv.js';
import { knownMetrics, knownTables, procedureList, unitList, yearList } from '../filters.js';
import { chooseFormat, linkAlternates, sendFormatted } from '../formats.js';
import { paginate } from '../paging.js';
import { ProblemSchema } from '../schemas/common.js';
import { DeltasPageSchema, FiguresPageSchema } from '../schemas/figures.js';
import { DeltasQuery, FiguresQuery } from '../schemas/queries.js';
import { jsonCsvResponse } from '../schemas/publishing.js';
import { deltasCsvMetadata, figuresCsvMetadata } from '../csv-metadata.js';
import { DELTA_NOTE } from '../../publication.js';

const errors = { 400: ProblemSchema, 404: ProblemSchema };

export const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, config } = app;
  const meta = { license: config.license, source: config.sourceCitation };
  const offered = ['json', 'csv', 'csv-metadata'] as const;
  const csvContext = (lang: 'nl' | 'en') => ({ lang, tableTitle: (id: string) => dataset.table(id)?.title });

  app.get('/v1/figures', {
    schema: {
      tags: ['data'],
      summary: 'All figures, filtered',
      description: 'Every observation of every table. Filters take comma-separated lists and combine with AND. CSV with `?format=csv` or `Accept: text/csv`; its CSVW metadata with `?format=csv-metadata`.',
      querystring: FiguresQuery,
      response: { 200: jsonCsvResponse(FiguresPageSchema, 'A page of figures, as JSON, CSV or CSVW metadata'), ...errors },
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
    const format = chooseFormat(request, offered, q.format);
    linkAlternates(request, reply, offered, format);
    if (format === 'csv') return sendFormatted(reply, 'csv', toCsv(page.items, FIGURE_COLUMNS, csvContext(q.lang)), 'ind-figures');
    if (format === 'csv-metadata') {
      const metadata = figuresCsvMetadata(request, dataset, config.PUBLIC_URL, q.lang, {
        title: { nl: 'IND-statistieken: cijfers', en: 'IND statistics: figures' },
        description: { nl: 'Cijfers uit het IND-jaarverslag, gefilterd zoals in de URL.', en: 'Figures of the IND annual report, filtered as in the URL.' },
      });
      return sendFormatted(reply, 'csv-metadata', JSON.stringify(metadata));
    }
    return { data: page.items, meta: { ...page.meta, ...meta } };
  });

  app.get('/v1/deltas', {
    schema: {
      tags: ['data'],
      summary: 'Year-over-year changes, filtered',
      description: 'Derived by this service, not official figures. `change` is in the metric\'s unit (percentage points for rates); `changePercent` is rounded to one decimal, half away from zero, and null for rates.',
      querystring: DeltasQuery,
      response: { 200: jsonCsvResponse(DeltasPageSchema, 'A page of year-over-year changes, as JSON, CSV or CSVW metadata'), ...errors },
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
    const format = chooseFormat(request, offered, q.format);
    linkAlternates(request, reply, offered, format);
    if (format === 'csv') return sendFormatted(reply, 'csv', toCsv(page.items, DELTA_COLUMNS, csvContext(q.lang)), 'ind-deltas');
    if (format === 'csv-metadata') {
      const metadata = deltasCsvMetadata(request, dataset, config.PUBLIC_URL, q.lang, {
        title: { nl: 'IND-statistieken: veranderingen per jaar', en: 'IND statistics: year-over-year changes' },
        description: DELTA_NOTE,
      });
      return sendFormatted(reply, 'csv-metadata', JSON.stringify(metadata));
    }
    return { data: page.items, meta: { ...page.meta, ...meta, derived: true } };
  });
};
