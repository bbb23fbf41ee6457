import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Delta, Observation } from '../../data/types.js';
import type { Language } from '../../domain.js';
import { csvContext, DELTA_COLUMNS, FIGURE_COLUMNS, toCsv, type Column } from '../csv.js';
import { knownMetrics, knownTables, procedureList, unitList, yearList } from '../filters.js';
import { chooseFormat, linkAlternates, sendFormatted } from '../formats.js';
import { paginate } from '../paging.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { DeltasPageSchema, FiguresPageSchema } from '../schemas/figures.js';
import { DeltasQuery, FiguresQuery } from '../schemas/queries.js';
import { jsonCsvResponse } from '../schemas/publishing.js';
import { deltasCsvMetadata, figuresCsvMetadata } from '../csv-metadata.js';
import { DELTA_NOTE } from '../../publication.js';

const errors = { ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE };
const offered = ['json', 'csv', 'csv-metadata'] as const;

interface ListQuery {
  limit: number;
  offset: number;
  format?: (typeof offered)[number];
  lang: Language;
}

/** How one list resource is written in each format. */
interface ListOutput<T> {
  columns: Column<T>[];
  filename: string;
  csvMetadata: (request: FastifyRequest, lang: Language) => object;
  derived?: boolean;
}

export const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, config } = app;
  const meta = { license: config.license, source: config.sourceCitation };

  /** Pages the matches, then answers in the negotiated format; both list routes share it. */
  function respond<T>(request: FastifyRequest, reply: FastifyReply, matches: T[], q: ListQuery, out: ListOutput<T>) {
    const page = paginate(request, reply, matches, q.limit, q.offset);
    const format = chooseFormat(request, offered, q.format);
    linkAlternates(request, reply, offered, format);
    if (format === 'csv') {
      return sendFormatted(reply, 'csv', toCsv(page.items, out.columns, csvContext(dataset, q.lang)), out.filename);
    }
    if (format === 'csv-metadata') return sendFormatted(reply, 'csv-metadata', JSON.stringify(out.csvMetadata(request, q.lang)));
    return { data: page.items, meta: { ...page.meta, ...meta, ...(out.derived ? { derived: true } : {}) } };
  }

  const figuresOutput: ListOutput<Observation> = {
    columns: FIGURE_COLUMNS,
    filename: 'ind-figures',
    csvMetadata: (request, lang) =>
      figuresCsvMetadata(request, dataset, config.PUBLIC_URL, lang, {
        title: { nl: 'IND-statistieken: cijfers', en: 'IND statistics: figures' },
        description: { nl: 'Cijfers uit het IND-jaarverslag, gefilterd zoals in de URL.', en: 'Figures of the IND annual report, filtered as in the URL.' },
      }),
  };

  const deltasOutput: ListOutput<Delta> = {
    columns: DELTA_COLUMNS,
    filename: 'ind-deltas',
    derived: true,
    csvMetadata: (request, lang) =>
      deltasCsvMetadata(request, dataset, config.PUBLIC_URL, lang, {
        title: { nl: 'IND-statistieken: veranderingen per jaar', en: 'IND statistics: year-over-year changes' },
        description: DELTA_NOTE,
      }),
  };

  app.get('/v1/figures', {
    schema: {
      operationId: 'listFigures',
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
    return respond(request, reply, matches, q, figuresOutput);
  });

  app.get('/v1/deltas', {
    schema: {
      operationId: 'listDeltas',
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
    return respond(request, reply, matches, q, deltasOutput);
  });
};
