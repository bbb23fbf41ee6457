import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 as OA } from 'openapi-types';
import type { Dataset } from '../../data/dataset.js';
import { CONTACT } from '../../publication.js';
import { embedJsonLd } from '../../publishing/schema-org.js';
import { finishDocument } from '../openapi.js';
import { HELMET_OPTIONS, helmetHeaders } from './security-headers.js';
import { yearSpan } from '../../years.js';

/** "2015 and 2016", "2015, 2016 and 2018", "2015–2021": the years of the data, as a sentence names them. */
export function yearsInWords(years: readonly number[], and: string): string {
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return '';
  if (sorted.length > 2 && last - first === sorted.length - 1) return yearSpan(first, last);
  return sorted.length === 1 ? String(first) : `${sorted.slice(0, -1).join(', ')} ${and} ${last}`;
}

/** The document's title and description; years, tables and publications come from the data. */
export function openApiInfo(dataset: Dataset) {
  const tables = dataset.tables.length;
  const releases = dataset.releases.length;
  return {
    title: 'IND statistics API',
    version: '1.0.0',
    description: [
      `The published figures of the IND (Immigration and Naturalisation Service) as open data: ${tables} tables with figures for ${yearsInWords(dataset.years, 'and')}, taken from ${releases} publications, each figure with every value published for it; TEV/VVR breakdowns, year-over-year deltas, top-3 nationality rankings, footnotes and consistency checks.`,
      '',
      `De gepubliceerde cijfers van de Immigratie- en Naturalisatiedienst (IND) als open data: ${tables} tabellen met cijfers over ${yearsInWords(dataset.years, 'en')}, uit ${releases} publicaties, bij elk cijfer alle waarden die ervoor zijn gepubliceerd; de splitsing naar TEV en VVR, veranderingen ten opzichte van het vorige jaar, top-3 nationaliteiten, voetnoten en consistentiecontroles.`,
      '',
      'Deltas are derived by this service and are not official figures. Errors are RFC 9457 problem details (application/problem+json). The API is public and read-only: no operation needs credentials.',
    ].join('\n'),
    contact: { name: CONTACT.name.en, url: CONTACT.url },
    license: { name: 'CC0 1.0 (data); MIT (software)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  };
}

type TransformObject = typeof jsonSchemaTransformObject;

/**
 * The type provider emits an input and an output variant of every registered schema. Our
 * registered schemas only describe responses, so the unreferenced input twins are dropped.
 */
function withoutUnusedInputs(document: Parameters<TransformObject>[0]) {
  const openapi = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = openapi.components?.schemas;
  if (!schemas) return openapi;
  const text = JSON.stringify({ ...openapi, components: { ...openapi.components, schemas: {} } }) +
    JSON.stringify(Object.entries(schemas).filter(([name]) => !name.endsWith('Input')));
  for (const name of Object.keys(schemas)) {
    if (name.endsWith('Input') && !text.includes(`#/components/schemas/${name}"`)) delete schemas[name];
  }
  return openapi;
}

/**
 * Swagger UI draws its logo as an SVG holding a <style> element. Instead of allowing inline
 * styles, the /docs policy allows exactly the styles the UI's own scripts carry, by hash.
 */
function swaggerUiStyleHashes(): string[] {
  const files = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');
  const hashes = new Set<string>();
  for (const file of ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']) {
    const source = readFileSync(join(files, file), 'utf8');
    for (const [, literal] of source.matchAll(/createElement\("style",null,("(?:[^"\\]|\\.)*")\)/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(JSON.parse(literal!) as string).digest('base64')}'`);
    }
  }
  return [...hashes];
}

let policy: string | undefined;

/**
 * The site's policy, with Swagger UI's own styles allowed by hash and nothing else added. Reading
 * the UI's scripts for those hashes takes tens of milliseconds, so it waits for the first /docs request.
 */
function docsPolicy(): string {
  if (policy !== undefined) return policy;
  const csp = HELMET_OPTIONS.contentSecurityPolicy as { directives: Record<string, unknown> };
  const styles = ["'self'", ...swaggerUiStyleHashes()];
  const options = { ...HELMET_OPTIONS, contentSecurityPolicy: { ...csp, directives: { ...csp.directives, 'style-src': styles } } };
  return (policy = helmetHeaders(options)['content-security-policy']!);
}

/**
 * The OpenAPI document is generated from the routes' zod schemas; registered schemas become
 * components. The HTML reference at /docs carries the schema.org description of the datasets,
 * so web search engines that index the page find the data; that description is drawn up on the
 * first request for the page.
 */
export default fp(async function openapi(app: FastifyInstance, opts: { structuredData: () => object }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: openApiInfo(app.dataset),
      servers: [{ url: '/' }],
      tags: [
        { name: 'data', description: 'Figures, tables, deltas, breakdowns and rankings' },
        { name: 'releases', description: 'The publications the figures come from, and their Atom feed' },
        { name: 'quality', description: 'Consistency checks of the published figures' },
        { name: 'service', description: 'Health, front door and documentation' },
        { name: 'catalog', description: 'DCAT-AP catalog of the datasets, for open-data portals' },
        { name: 'downloads', description: 'Bulk downloads: the SQLite store and every figure as CSV' },
        { name: 'sdmx', description: 'SDMX 2.1 and SDMX 3 REST: one dataflow per table (agency IND), for SDMX clients such as rsdmx, sdmx1 and sdmx-rest' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) =>
      finishDocument(withoutUnusedInputs(document) as OA.Document, app.dataset, app.config.PUBLIC_URL) as ReturnType<TransformObject>,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Every response carries the site's policy from its onRequest hook; /docs replaces it.
    transformStaticCSP: docsPolicy,
    uiConfig: { docExpansion: 'list' },
    theme: { title: 'IND statistics API' },
  });
  let structuredData: object | undefined;
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    const isDocsPage = route === '/docs' || route === '/docs/';
    if (!isDocsPage || typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html')) return payload;
    structuredData ??= opts.structuredData();
    return embedJsonLd(payload, structuredData);
  });
});
