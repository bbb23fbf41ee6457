import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TableInfo } from '../../data/types.js';
import { DELTA_NOTE, LICENSE } from '../../publication.js';
import { FIGURE_COLUMNS, toCsv } from '../csv.js';
import { chooseFormat, linkAlternates, sendFormatted } from '../formats.js';
import { HttpProblem } from '../problem.js';
import { ProblemSchema } from '../schemas/common.js';
import { NoQuery, TableParam, TableQuery } from '../schemas/queries.js';
import { BreakdownSchema, TableDetailSchema, TableListSchema } from '../schemas/tables.js';
import { z } from 'zod';
import type { Dataset } from '../../data/dataset.js';

const links = (id: string) => ({
  self: `/v1/tables/${id}`,
  figures: `/v1/figures?table=${id}`,
  deltas: `/v1/deltas?table=${id}`,
  breakdown: `/v1/tables/${id}/breakdown`,
  csv: `/v1/tables/${id}?format=csv`,
  jsonStat: `/v1/tables/${id}?format=json-stat`,
});

function tableOr404(dataset: Dataset, id: string): TableInfo {
  const table = dataset.table(id);
  if (!table) {
    throw new HttpProblem(404, `There is no table "${id}".`, [
      { parameter: 'table', message: 'unknown table', allowed: dataset.tables.map((t) => t.id) },
    ]);
  }
  return table;
}

export const tableRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset } = app;
  const Params = z.strictObject({ table: TableParam });

  app.get('/v1/tables', {
    schema: {
      tags: ['data'],
      summary: 'The tables of the report',
      querystring: NoQuery,
      response: { 200: TableListSchema, 400: ProblemSchema },
    },
  }, async () => ({
    data: dataset.tables.map((t) => ({
      id: t.id,
      heading: t.heading,
      title: t.title,
      description: t.description,
      years: t.years,
      procedures: t.procedures,
      metrics: t.metrics.map((m) => m.id),
      hasBreakdown: t.hasBreakdown,
      figureCount: dataset.figures({ table: [t.id] }).length,
      links: links(t.id),
    })),
  }));

  app.get('/v1/tables/:table', {
    schema: {
      tags: ['data'],
      summary: 'One table: metrics, figures, deltas, footnotes and rankings',
      description: 'CSV with `?format=csv` or `Accept: text/csv`.',
      params: Params,
      querystring: TableQuery,
      response: { 200: TableDetailSchema, 400: ProblemSchema, 404: ProblemSchema },
    },
  }, async (request, reply) => {
    const table = tableOr404(dataset, request.params.table);
    const offered = ['json', 'csv'] as const;
    const format = chooseFormat(request, offered, request.query.format);
    linkAlternates(request, reply, offered, format);
    const figures = dataset.figures({ table: [table.id] });
    if (format === 'csv') return sendFormatted(reply, 'csv', toCsv(figures, FIGURE_COLUMNS, request.query.lang), `ind-${table.id}`);
    const report = dataset.latestReport;
    return {
      id: table.id,
      heading: table.heading,
      title: table.title,
      description: table.description,
      years: table.years,
      procedures: table.procedures,
      hasBreakdown: table.hasBreakdown,
      metrics: table.metrics,
      figures,
      deltas: dataset.deltasWhere({ table: [table.id] }),
      footnotes: table.footnotes,
      nationalities: dataset.nationalities([table.id]),
      notes: { deltas: DELTA_NOTE },
      source: { report: report.id, citation: report.citation },
      license: LICENSE.url,
      links: links(table.id),
    };
  });

  app.get('/v1/tables/:table/breakdown', {
    schema: {
      tags: ['data'],
      summary: 'TEV and VVR beside the total',
      description: 'Per metric and year: the total, its TEV and VVR parts, and whether they agree within the report\'s rounding. Tables without a breakdown answer with null parts.',
      params: Params,
      querystring: NoQuery,
      response: { 200: BreakdownSchema, 400: ProblemSchema, 404: ProblemSchema },
    },
  }, async (request) => {
    const table = tableOr404(dataset, request.params.table);
    return {
      table: table.id,
      hasBreakdown: table.hasBreakdown,
      procedures: table.procedures,
      data: dataset.breakdown(table.id),
    };
  });
};
