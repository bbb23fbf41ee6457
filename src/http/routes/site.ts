import { SITE_FILE_TYPES } from '../renderers/index.js';
import type { FastifyPluginAsync } from 'fastify';
import { ASSETS } from '../../web/assets.js';
import { explorerPaths, robotsTxt, sitemapXml } from '../../web/site-files.js';

/** A versioned asset URL names one content for good, so caches may keep it a year without asking. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What a website is expected to serve besides its pages: their stylesheet, script and icons,
 * `robots.txt` and a sitemap of every page in both languages, all drawn from the data.
 */
export const siteRoutes: FastifyPluginAsync = async (app) => {
  const { dataset, config } = app;
  const hidden = { schema: { hide: true } };

  for (const asset of Object.values(ASSETS)) {
    app.get<{ Querystring: { v?: unknown } }>(asset.path, hidden, async (request, reply) => {
      // Only the current version is immutable; any other address gets the usual short lifetime.
      if (request.query.v === asset.version) reply.header('cache-control', IMMUTABLE);
      return reply.type(asset.type).header('x-content-type-options', 'nosniff').send(asset.body);
    });
  }

  const robots = robotsTxt(config.PUBLIC_URL);
  app.get('/robots.txt', hidden, async (_request, reply) => reply.type(SITE_FILE_TYPES.robots).send(robots));

  const sitemap = sitemapXml(config.PUBLIC_URL, explorerPaths(dataset));
  app.get('/sitemap.xml', hidden, async (_request, reply) => reply.type(SITE_FILE_TYPES.sitemap).send(sitemap));
};
