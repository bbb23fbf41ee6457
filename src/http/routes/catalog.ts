import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildCatalog, DCAT_CONTEXT, type StoreFileFacts } from '../../publishing/dcat.js';
import { jsonLdToTurtle } from '../../publishing/turtle.js';
import { COMMON_RESPONSES } from '../schemas/common.js';
import { CatalogJsonLdSchema } from '../schemas/publishing.js';
import { CatalogQuery } from '../schemas/queries.js';

const TYPES = {
  jsonld: 'application/ld+json; charset=utf-8',
  ttl: 'text/turtle; charset=utf-8',
} as const;

/** The DCAT-AP catalog: JSON-LD unless the client asks for Turtle (`?format=ttl` or `Accept: text/turtle`). */
export const catalogRoutes: FastifyPluginAsyncZod<{ storeFile: StoreFileFacts }> = async (app, opts) => {
  const catalog = buildCatalog(app.dataset, app.config.PUBLIC_URL, opts.storeFile);
  const jsonLd = JSON.stringify(catalog);
  // The catalog is fixed for the life of the process: convert it once, on first demand.
  let turtle: Promise<string> | undefined;

  app.get('/v1/catalog', {
    schema: {
      operationId: 'getCatalog',
      tags: ['catalog'],
      summary: 'DCAT-AP catalog of the datasets',
      description:
        'A DCAT-AP 3.0.1 catalog, valid against the DCAT-AP-NL 3.0 shapes that data.overheid.nl harvests: one dcat:Dataset per table (titles and descriptions in Dutch and English, publisher, contact point, themes, temporal and spatial coverage) with a dcat:Distribution per format (JSON, CSV, JSON-stat, the SQLite download), a dataset of all figures with the bulk downloads, and the API as a dcat:DataService. JSON-LD with an inline context by default; Turtle with `?format=ttl` or `Accept: text/turtle`. Licence: CC0 1.0.',
      querystring: CatalogQuery,
      response: {
        200: {
          description: 'The catalog as JSON-LD or Turtle',
          content: {
            'application/ld+json': { schema: CatalogJsonLdSchema },
            'text/turtle': { schema: z.string().describe('The same graph in Turtle') },
          },
        },
        ...COMMON_RESPONSES,
      },
    },
  }, async (request, reply) => {
    let format = request.query.format;
    if (!format && request.headers.accept) {
      const best = request.accepts().type(['application/ld+json', 'text/turtle', 'application/json']);
      format = best === 'text/turtle' ? 'ttl' : 'jsonld';
    }
    const other = format === 'ttl' ? '/v1/catalog?format=jsonld' : '/v1/catalog?format=ttl';
    reply
      .header('vary', 'Accept')
      .header('link', `<${other}>; rel="alternate"; type="${format === 'ttl' ? 'application/ld+json' : 'text/turtle'}"`);
    if (format === 'ttl') {
      turtle ??= jsonLdToTurtle(catalog, DCAT_CONTEXT).catch((error: unknown) => {
        turtle = undefined;
        throw error;
      });
      return reply.type(TYPES.ttl).send(await turtle);
    }
    return reply.type(TYPES.jsonld).send(jsonLd);
  });
};
