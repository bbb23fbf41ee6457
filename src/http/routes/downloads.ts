import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Language } from '../../domain.js';
import type { StoreFile } from '../../publishing/store-file.js';
import { publicUrls } from '../../publishing/urls.js';
import { csvRenderer, csvwRenderer, jsonLdRenderer, linkTo, renderedResponse, respond, sqliteRenderer } from '../renderers/index.js';
import { COMMON_RESPONSES } from '../schemas/common.js';
import { DownloadQuery, NoQuery } from '../schemas/queries.js';

/** Bulk downloads: the store itself, and every figure in one CSV with its CSVW metadata. */
export const downloadRoutes: FastifyPluginAsyncZod<{ storeFile: StoreFile }> = async (app, opts) => {
  const { dataset, config } = app;
  const { storeFile } = opts;
  const urls = publicUrls(config.PUBLIC_URL);
  const langQuery = (lang: string) => (lang === 'en' ? '' : `?lang=${lang}`);
  const allFigures = (lang: Language) => ({
    rows: dataset.observations,
    filename: lang === 'en' ? 'ind-figures' : `ind-figures-${lang}`,
    title: { nl: 'IND-statistieken: alle cijfers', en: 'IND statistics: all figures' },
    description: {
      nl: 'Alle cijfers van alle tabellen uit het IND-jaarverslag, één rij per cijfer.',
      en: 'Every figure of every table of the IND annual report, one row each.',
    },
    csvUrl: `${urls.figuresCsv}${langQuery(lang)}`,
  });

  app.get('/v1/download/ind.sqlite', {
    schema: {
      tags: ['downloads'],
      summary: 'The whole SQLite store',
      description:
        'The SQLite database this API answers from (tables, metrics, figures, footnotes, rankings), for bulk users. Strong ETag (the SHA-256 of the file; If-None-Match gives 304), Content-Length and a download name; HEAD gives the headers alone. Licence: CC0 1.0.',
      querystring: NoQuery,
      response: {
        200: renderedResponse('store-file', 'The SQLite file', sqliteRenderer),
        ...COMMON_RESPONSES,
      },
    },
  }, async (request, reply) => {
    reply
      .header('etag', storeFile.etag)
      .header('last-modified', storeFile.modified.toUTCString())
      .header('link', linkTo(urls.catalog, 'describedby', jsonLdRenderer));
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim() === storeFile.etag || tag.trim() === '*')) {
      // 304 has no body, so it has no response schema, and the typed reply does not list it.
      return reply.code(304 as never).send(undefined as never);
    }
    reply.header('content-length', storeFile.byteSize);
    // On HEAD, Fastify drains the stream and keeps our Content-Length.
    return respond(request, reply, { kind: 'store-file', data: { open: () => createReadStream(storeFile.path), filename: 'ind' } }, { renderer: sqliteRenderer });
  });

  app.get('/v1/download/figures.csv', {
    schema: {
      tags: ['downloads'],
      summary: 'Every figure in one CSV',
      description:
        'Every observation of every table, one row each: codes, value, unit, flags, then labels in `lang`. RFC 4180, UTF-8. Its CSVW metadata is at `/v1/download/figures.csv-metadata.json` (announced by `Link: rel="describedby"`).',
      querystring: DownloadQuery,
      response: { 200: renderedResponse('figure-file', 'All figures as CSV', csvRenderer), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => {
    const { lang } = request.query;
    return respond(request, reply, { kind: 'figure-file', data: allFigures(lang) }, {
      renderer: csvRenderer,
      links: [linkTo(`/v1/download/figures.csv-metadata.json${langQuery(lang)}`, 'describedby', csvwRenderer)],
    });
  });

  app.get('/v1/download/figures.csv-metadata.json', {
    schema: {
      tags: ['downloads'],
      summary: 'CSVW metadata of the CSV of every figure',
      querystring: DownloadQuery,
      response: { 200: renderedResponse('figure-file', 'CSVW metadata', csvwRenderer), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, { kind: 'figure-file', data: allFigures(request.query.lang) }, { renderer: csvwRenderer }));
};
