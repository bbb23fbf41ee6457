import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildCatalog, type StoreFileFacts } from '../../publishing/dcat.js';
import { describeFormats, negotiatedResponses, respond } from '../renderers/index.js';
import { COMMON_RESPONSES } from '../schemas/common.js';
import { CatalogQuery } from '../schemas/queries.js';

/** The DCAT-AP catalog, in the representation the client asks for. */
export const catalogRoutes: FastifyPluginAsyncZod<{ storeFile: StoreFileFacts }> = async (app, opts) => {
  // Drawn up on the first request rather than at start-up, then kept.
  let document: ReturnType<typeof buildCatalog> | undefined;

  app.get('/v1/catalog', {
    schema: {
      operationId: 'getCatalog',
      tags: ['catalog'],
      summary: 'DCAT-AP catalog of the datasets',
      description:
        'A DCAT-AP 3.0.1 catalog, valid against the DCAT-AP-NL 3.0 shapes that data.overheid.nl harvests: one dcat:Dataset per table (titles and descriptions in Dutch and English, publisher, contact point, themes, temporal and spatial coverage) with a dcat:Distribution per format, a dataset of all figures with the bulk downloads, and the API as a dcat:DataService. Licence: CC0 1.0. Representations: ' + describeFormats('catalog') + '.',
      querystring: CatalogQuery,
      response: { ...negotiatedResponses('catalog', 'The catalog as JSON-LD or Turtle'), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, {
    kind: 'catalog',
    data: { document: (document ??= buildCatalog(app.dataset, app.config.PUBLIC_URL, opts.storeFile)) },
  }));
};
