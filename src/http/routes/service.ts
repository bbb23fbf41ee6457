import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storeCheck } from '../../db/open.js';
import { LICENSE, PUBLISHER } from '../../publication.js';
import { citation } from '../../publishing/vocabulary.js';
import { BOUNDS, COMMON_RESPONSES, IdSchema, int32, LabelSchema, LIMIT_RANGE, listOf, LocalizedSchema, TextSchema, UrlSchema } from '../schemas/common.js';
import { sendProblem } from '../problem.js';
import { renderOpenApi } from '../openapi.js';
import { NoQuery } from '../schemas/queries.js';
import { describeFormats, formatNames, formatQuery, jsonRenderer, jsonStatRenderer } from '../renderers/index.js';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

const FrontDoorSchema = z
  .object({
    title: LocalizedSchema,
    description: LocalizedSchema,
    links: z.record(IdSchema, z.object({ href: UrlSchema, description: TextSchema })),
    source: z.object({ report: IdSchema, title: LocalizedSchema, publisher: LocalizedSchema, citation: LocalizedSchema }),
    license: z.object({ id: IdSchema, name: LabelSchema, url: UrlSchema, euUri: UrlSchema, note: LocalizedSchema }),
    citation: LocalizedSchema.describe('How to cite figures taken from this service'),
    languages: listOf(IdSchema, 10),
    formats: listOf(LabelSchema, 100),
    limits: z.object({
      pageSizeDefault: int32(LIMIT_RANGE.min, LIMIT_RANGE.max),
      pageSizeMax: int32(LIMIT_RANGE.min, LIMIT_RANGE.max),
      rateLimit: z
        .object({ requests: int32(1), windowSeconds: int32(1), appliesTo: TextSchema })
        .nullable()
        .describe('Requests per client and window; over it, 429 with Retry-After. Null when off'),
      maxUrlLength: int32(0, BOUNDS.target).describe('Longer request targets get 414'),
      maxHeaderBytes: int32(0).describe('Larger request headers get 431'),
      note: TextSchema,
    }),
  })
  .meta({ id: 'FrontDoor' });

export const serviceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset, store, config } = app;
  // Health is asked for every few seconds by every load balancer. Its answer is the same while
  // the store is intact, so the response cache serves it, asking the check each time; the check
  // looks at the store at most once per HEALTH_CHECK_INTERVAL_MS.
  const storeIsIntact = storeCheck(store, config.HEALTH_CHECK_INTERVAL_MS);

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['service'],
      summary: 'Whether the store answers',
      querystring: NoQuery,
      description: '200 while the store file is intact and answers; otherwise 503 as problem+json, so a load balancer takes the replica out.',
      response: { 200: HealthSchema, ...COMMON_RESPONSES },
    },
    config: { sameWhile: storeIsIntact },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (storeIsIntact()) return { status: 'ok' as const };
    return sendProblem(request, reply, config.PUBLIC_URL, 503, 'The data store cannot be read: it was removed, replaced or closed under the running server.');
  });

  app.get('/v1', {
    schema: {
      operationId: 'getFrontDoor',
      tags: ['service'],
      summary: 'Front door: every resource, the source, licence and limits',
      querystring: NoQuery,
      response: { 200: FrontDoorSchema, ...COMMON_RESPONSES },
    },
  }, async () => {
    const report = dataset.latestReport;
    return {
      title: { nl: 'IND-statistieken: open data uit het jaarverslag', en: 'IND statistics: open data from the annual report' },
      description: {
        nl: 'Alle tabellen uit het jaarverslag van de Immigratie- en Naturalisatiedienst en de cijfers die latere publicaties van de IND en de rijksoverheid gaven, met elke gepubliceerde waarde, de splitsing naar TEV en VVR, veranderingen en controles.',
        en: 'Every table of the annual report of the Dutch Immigration and Naturalisation Service and the figures later releases of the IND and the Dutch government gave, with every published value, the TEV/VVR breakdown, changes and checks.',
      },
      links: {
        tables: { href: '/v1/tables', description: 'The tables and their metrics' },
        jsonStat: { href: `/v1/tables${formatQuery(jsonStatRenderer)}`, description: 'JSON-stat 2.0 collection linking a JSON-stat dataset per table' },
        figures: { href: '/v1/figures', description: 'Every figure; filter by table, metric, procedure, year, unit' },
        deltas: { href: '/v1/deltas', description: 'Year-over-year changes (derived)' },
        series: { href: '/v1/series', description: 'Series over the years, each point with every release\'s value' },
        releases: { href: '/v1/releases', description: 'The releases the figures come from, each cited by URL' },
        releasesFeed: { href: '/v1/releases.atom', description: 'The releases as an Atom feed, newest first' },
        nationalities: { href: '/v1/nationalities', description: 'Top-3 nationality rankings' },
        checks: { href: '/v1/checks', description: 'Consistency checks of the figures' },
        catalog: { href: '/v1/catalog', description: `DCAT-AP catalog of the datasets: ${describeFormats('catalog')}` },
        sqlite: { href: '/v1/download/ind.sqlite', description: 'Bulk download: the whole SQLite store' },
        figuresCsv: { href: '/v1/download/figures.csv', description: 'Bulk download: every figure in one CSV (CSVW metadata at /v1/download/figures.csv-metadata.json)' },
        sdmx21: { href: '/sdmx/2.1/dataflow', description: `SDMX 2.1 (RESTful web services 1.5.0): dataflows here, data at /sdmx/2.1/data/{flow}/{key}; ${describeFormats('sdmx21-data')}` },
        sdmx3: { href: '/sdmx/3/structure/dataflow', description: `SDMX 3 (REST API 2.x): data at /sdmx/3/data/dataflow/IND/{flow}/{version}/{key}; ${describeFormats('sdmx3-data')}` },
        openapi: { href: '/openapi.json', description: 'OpenAPI 3.1 description of this API' },
        docs: { href: '/docs', description: 'Interactive API reference' },
        health: { href: '/health', description: 'Service health' },
      },
      source: { report: report.id, title: report.title, publisher: PUBLISHER.name, citation: report.citation },
      license: {
        id: LICENSE.id,
        name: LICENSE.name,
        url: LICENSE.url,
        euUri: LICENSE.euUri,
        note: {
          nl: 'De cijfers zijn overheidsinformatie van de IND; deze dienst publiceert ze onder CC0 1.0, de standaard voor open overheidsdata in Nederland. Bronvermelding wordt op prijs gesteld.',
          en: 'The figures are public-sector information of the IND; this service publishes them under CC0 1.0, the Dutch government\'s default for open data. Attribution is appreciated.',
        },
      },
      citation: { nl: citation(report, config.PUBLIC_URL, 'nl'), en: citation(report, config.PUBLIC_URL, 'en') },
      languages: ['nl', 'en'],
      formats: formatNames(),
      limits: {
        pageSizeDefault: LIMIT_RANGE.default,
        pageSizeMax: LIMIT_RANGE.max,
        rateLimit: config.RATE_LIMIT_MAX > 0
          ? {
              requests: config.RATE_LIMIT_MAX,
              windowSeconds: Math.round(config.RATE_LIMIT_WINDOW_MS / 1000),
              appliesTo: config.RATE_LIMIT_EXEMPT_LOOPBACK ? 'each remote client address' : 'each client address',
            }
          : null,
        maxUrlLength: config.MAX_URL_LENGTH,
        maxHeaderBytes: config.MAX_HEADER_SIZE,
        note: 'The whole dataset fits in one default page. Responses carry ETags: revalidate with If-None-Match instead of polling. On 429 or 503, wait the seconds given in Retry-After.',
      },
    };
  });

  let openapi: string | undefined;
  app.get('/openapi.json', { schema: { hide: true, querystring: NoQuery } }, async (_request, reply) => {
    openapi ??= renderOpenApi(app);
    return reply.type(jsonRenderer.contentType).send(openapi);
  });
};
