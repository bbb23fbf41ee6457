import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { embedJsonLd } from '../../publishing/schema-org.js';

export const OPENAPI_INFO = {
  title: 'IND statistics API',
  version: '1.0.0',
  description: [
    'Every table of the IND annual report 2016 (Jaarverslag 2016 van de Immigratie- en Naturalisatiedienst) as open data: figures for 2016 and 2015, TEV/VVR breakdowns, year-over-year deltas, top-3 nationality rankings, footnotes and consistency checks.',
    '',
    'Alle tabellen uit het IND-jaarverslag 2016 als open data: cijfers over 2016 en 2015, de splitsing naar TEV en VVR, veranderingen ten opzichte van het vorige jaar, top-3 nationaliteiten, voetnoten en consistentiecontroles.',
    '',
    'Deltas are derived by this service and are not official figures. Errors are RFC 9457 problem details (application/problem+json).',
  ].join('\n'),
  license: { name: 'CC0 1.0 (data); MIT (software)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
};

type TransformObject = typeof jsonSchemaTransformObject;

/**
 * The type provider emits an input and an output variant of every registered schema. Our
 * registered schemas only describe responses, so the unreferenced input twins are dropped.
 */
const withoutUnusedInputs: TransformObject = (document) => {
  const openapi = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = openapi.components?.schemas;
  if (!schemas) return openapi as ReturnType<TransformObject>;
  const text = JSON.stringify({ ...openapi, components: { ...openapi.components, schemas: {} } }) +
    JSON.stringify(Object.entries(schemas).filter(([name]) => !name.endsWith('Input')));
  for (const name of Object.keys(schemas)) {
    if (name.endsWith('Input') && !text.includes(`#/components/schemas/${name}"`)) delete schemas[name];
  }
  return openapi as ReturnType<TransformObject>;
};

/**
 * The OpenAPI document is generated from the routes' zod schemas; registered schemas become
 * components. The HTML reference at /docs carries the schema.org description of the datasets,
 * so web search engines that index the page find the data.
 */
export default fp(async function openapi(app: FastifyInstance, opts: { structuredData: object }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
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
    transformObject: withoutUnusedInputs,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // TLS ends at the load balancer; plain http on loopback must keep loading the UI's own files.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
    uiConfig: { docExpansion: 'list' },
    theme: { title: 'IND statistics API' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    const isDocsPage = route === '/docs' || route === '/docs/';
    if (!isDocsPage || typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html')) return payload;
    return embedJsonLd(payload, opts.structuredData);
  });
});
