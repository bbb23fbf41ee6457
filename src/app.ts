import accepts from '@fastify/accepts';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import { Dataset } from './data/dataset.js';
import type { Store } from './db/open.js';
import { PROCEDURES, UNITS } from './domain.js';
import { LIMIT_RANGE, OFFSET_RANGE } from './http/schemas/common.js';
import caching from './http/plugins/caching.js';
import compression from './http/plugins/compression.js';
import conditionalRequests from './http/plugins/conditional-requests.js';
import { lastModifiedOf } from './http/filters.js';
import corsPlugin from './http/plugins/cors.js';
import draining from './http/plugins/draining.js';
import errors from './http/plugins/errors.js';
import loadShedding from './http/plugins/load-shedding.js';
import methods from './http/plugins/methods.js';
import rateLimiting from './http/plugins/rate-limit.js';
import requestLimits from './http/plugins/request-limits.js';
import responseCache from './http/plugins/response-cache.js';
import securityHeaders from './http/plugins/security-headers.js';
import openapi from './http/plugins/swagger.js';
import { LogDestination } from './http/log-destination.js';
import { CompletedLines, loggerOptions, RequestLog, requestId } from './http/request-log.js';
import { answerHeadLikeGet } from './http/route-hooks.js';
import { clientAddressOf, serverOptions } from './http/server-options.js';
import { FastPath } from './http/fast-path.js';
import { refusalOf } from './http/plugins/request-limits.js';
import { figureRoutes } from './http/routes/figures.js';
import { releaseRoutes } from './http/routes/releases.js';
import { seriesRoutes } from './http/routes/series.js';
import { problemRoutes } from './http/routes/problems.js';
import { pageRoutes } from './http/routes/pages.js';
import { rankingAndCheckRoutes } from './http/routes/quality.js';
import { catalogRoutes } from './http/routes/catalog.js';
import { downloadRoutes } from './http/routes/downloads.js';
import { serviceRoutes } from './http/routes/service.js';
import { siteRoutes } from './http/routes/site.js';
import { tableRoutes } from './http/routes/tables.js';
import { sdmx21Routes } from './http/routes/sdmx-21.js';
import { sdmx3Routes } from './http/routes/sdmx-3.js';
import { LICENSE } from './publication.js';
import { schemaOrgServiceDataset, schemaOrgTableDataset } from './publishing/schema-org.js';
import { describeStoreFile } from './publishing/store-file.js';
import { Offload } from './offload/offload.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config & { license: string; sourceCitation: string };
    dataset: Dataset;
    store: Store;
    fastPath: FastPath;
    offload: Offload;
  }
}

/**
 * Every schema is zod: given as the compilers from the start, Fastify never loads its default
 * JSON Schema compilers (Ajv and fast-json-stringify), which would cost tens of milliseconds of start-up.
 * Fastify types these factories for Ajv's compile function, hence the cast.
 */
const zodCompilers = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as NonNullable<FastifyServerOptions['schemaController']>['compilersFactory'];

/**
 * How long the offload worker (charts, Turtle) waits for another task before it ends. The server
 * draws each page and writes the Turtle catalog once, the pages mostly one after another as a
 * crawler or a reader goes through them: a few seconds keep one worker for such a run.
 */
const OFFLOAD_IDLE_MS = 5_000;

export interface AppDeps {
  store: Store;
  /**
   * The worker for charts and Turtle (src/offload). By default the app starts its own and ends it
   * when it closes; apps built one after another in one process can share one instead.
   */
  offload?: Offload;
}

export interface AppOptions {
  /** Where the logs (JSON lines from LOG_LEVEL up) go; by default standard output, in batches (`LogDestination`). */
  logStream?: DestinationStream;
}

export { LogDestination };

/**
 * Builds the whole application around an opened store. It reads the store once: the API is a
 * view of a read-only snapshot, so every answer is computed from memory.
 */
export async function buildApp(config: Config, deps: AppDeps, options: AppOptions = {}): Promise<FastifyInstance> {
  const fastPath = new FastPath();
  const logStream = options.logStream ?? new LogDestination();
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL, logStream),
    logController: new RequestLog(),
    requestIdHeader: false,
    genReqId: requestId,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    schemaController: { compilersFactory: zodCompilers },
    ...serverOptions(config),
    serverFactory: fastPath.serverFactory,
  }).withTypeProvider<ZodTypeProvider>();
  answerHeadLikeGet(app);

  const dataset = Dataset.fromStore(deps.store.sqlite);
  app.decorate('dataset', dataset);
  app.decorate('store', deps.store);
  app.decorate('config', { ...config, license: LICENSE.url, sourceCitation: dataset.latestReport.citation.en });
  const offload = deps.offload ?? new Offload(OFFLOAD_IDLE_MS);
  app.decorate('offload', offload);
  if (deps.offload === undefined) app.addHook('onClose', () => offload.close());

  await app.register(errors, {
    publicUrl: config.PUBLIC_URL,
    allowed: {
      table: dataset.tables.map((t) => t.id),
      metric: dataset.metricIds,
      procedure: PROCEDURES,
      unit: UNITS,
      year: dataset.years.map(String),
      from: dataset.years.map(String),
      to: dataset.years.map(String),
      limit: [`${LIMIT_RANGE.min}…${LIMIT_RANGE.max}`],
      offset: [`${OFFSET_RANGE.min}…${OFFSET_RANGE.max}`],
    },
  });
  // Order matters: onRequest hooks run in registration order. CORS comes first, so that every
  // refusal below (503, 414, 429, 405) carries it too; security headers are added as any answer
  // is sent. The response cache comes last (after compression, before the routes), so that it
  // keeps each answer with every header it was sent with.
  // ── hardening ──
  await app.register(draining);
  await app.register(corsPlugin);
  await app.register(securityHeaders);
  await app.register(loadShedding, { maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS });
  await app.register(requestLimits, { maxUrlLength: config.MAX_URL_LENGTH, publicUrl: config.PUBLIC_URL });
  const clientAddress = clientAddressOf(config);
  await app.register(rateLimiting, {
    max: config.RATE_LIMIT_MAX,
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    exemptLoopback: config.RATE_LIMIT_EXEMPT_LOOPBACK,
    clientAddress,
  });
  await app.register(methods, { publicUrl: config.PUBLIC_URL });
  await app.register(accepts);
  await app.register(caching, { maxAge: 3600 });
  await app.register(compression, { publicUrl: config.PUBLIC_URL });
  await app.register(conditionalRequests, { lastModifiedOf: lastModifiedOf(dataset) });
  await app.register(responseCache, {
    enabled: config.RESPONSE_CACHE,
    maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
    maxBytes: config.RESPONSE_CACHE_MAX_BYTES,
  });
  // ── end hardening ──
  await app.register(openapi, { structuredData: () => schemaOrgServiceDataset(dataset, config.PUBLIC_URL) });

  await app.register(serviceRoutes);
  await app.register(tableRoutes);
  await app.register(figureRoutes);
  await app.register(seriesRoutes);
  await app.register(releaseRoutes);
  await app.register(rankingAndCheckRoutes);
  await app.register(problemRoutes);
  await app.register(sdmx21Routes);
  await app.register(sdmx3Routes);
  const storeFile = describeStoreFile(deps.store);
  await app.register(catalogRoutes, { storeFile });
  await app.register(downloadRoutes, { storeFile });
  await app.register(siteRoutes);
  // The figures explorer: HTML pages for people at / and /tables/{table}.
  await app.register(pageRoutes, {
    jsonLd: (page) => {
      if (page.kind === 'home') return schemaOrgServiceDataset(dataset, config.PUBLIC_URL);
      const table = dataset.table(page.table);
      return table && { '@context': 'https://schema.org', ...schemaOrgTableDataset(dataset, table, config.PUBLIC_URL) };
    },
  });

  // Repeated requests are answered from the response cache before they reach Fastify, with the
  // same protections: see src/http/fast-path.ts.
  app.decorate('fastPath', fastPath);
  if (config.RESPONSE_CACHE) {
    const underPressure = app.hasDecorator('isUnderPressure') ? () => app.isUnderPressure() : () => false;
    fastPath.open({
      cache: app.responseCache,
      log: app.log,
      completedLines: new CompletedLines(logStream),
      requestId,
      forTheApp: (req) => app.draining || underPressure() || refusalOf(req, config.MAX_URL_LENGTH) !== undefined,
      count: app.countOnFastPath,
    });
  }

  return app;
}
