import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { TableInfo } from '../../data/types.js';
import { DELTA_NOTE, LICENSE } from '../../publication.js';
import { HttpProblem } from '../problem.js';
import { describeFormats, negotiatedResponses, respond } from '../renderers/index.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { NoQuery, TableParam, TableQuery, TablesQuery } from '../schemas/queries.js';
import { BreakdownSchema } from '../schemas/tables.js';
import { z } from 'zod';
import type { Dataset } from '../../data/dataset.js';
import { tablePaths } from '../../publishing/urls.js';

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
      description: `The tables with their metrics and links. Representations: ${describeFormats('table-list')}; the JSON-stat one is a collection linking the JSON-stat dataset of every table.`,
      querystring: TablesQuery,
      response: { ...negotiatedResponses('table-list', 'The tables, or their JSON-stat collection'), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, { kind: 'table-list', data: { body: listTables() } }));

  const listTables = () => ({
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
      links: tablePaths(t.id),
    })),
  });

  app.get('/v1/tables/:table', {
    schema: {
      tags: ['data'],
      summary: 'One table: metrics, figures, deltas, footnotes and rankings',
      description:
        `Representations: ${describeFormats('table')}. A CSV announces its CSVW metadata with \`Link: rel="describedby"\`; \`lang\` picks the labels of CSV and JSON-stat.`,
      params: Params,
      querystring: TableQuery,
      response: { ...negotiatedResponses('table', 'The table as JSON, JSON-stat, CSV or CSVW metadata'), ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request, reply) => {
    const table = tableOr404(dataset, request.params.table);
    const figures = dataset.figures({ table: [table.id] });
    const report = dataset.latestReport;
    const body = {
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
      links: tablePaths(table.id),
    };
    return respond(request, reply, {
      kind: 'table',
      data: {
        body,
        table,
        rows: figures,
        filename: `ind-${table.id}`,
        title: { nl: `${table.title.nl}: cijfers`, en: `${table.title.en}: figures` },
        description: table.description,
      },
    });
  });

  app.get('/v1/tables/:table/breakdown', {
    schema: {
      tags: ['data'],
      summary: 'TEV and VVR beside the total',
      description: 'Per metric and year: the total, its TEV and VVR parts, and whether they agree within the report\'s rounding. Tables without a breakdown answer with null parts.',
      params: Params,
      querystring: NoQuery,
      response: { 200: BreakdownSchema, ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
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
