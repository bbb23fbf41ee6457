import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StoreFile } from '../../publishing/store-file.js';
import { publicUrls } from '../../publishing/urls.js';
import { csvContext, FIGURE_COLUMNS, toCsv } from '../csv.js';
import { figuresCsvMetadata } from '../csv-metadata.js';
import { describedBy, sendFormatted } from '../formats.js';
import { COMMON_RESPONSES } from '../schemas/common.js';
import { CsvSchema, CsvwMetadataSchema } from '../schemas/publishing.js';
import { DownloadQuery, NoQuery } from '../schemas/queries.js';

const SQLITE_TYPE = 'application/vnd.sqlite3';

/** Bulk downloads: the store itself, and every figure in one CSV with its CSVW metadata. */
export const downloadRoutes: FastifyPluginAsyncZod<{ storeFile: StoreFile }> = async (app, opts) => {
  const { dataset, config } = app;
  const { storeFile } = opts;
  const urls = publicUrls(config.PUBLIC_URL);
  const langQuery = (lang: string) => (lang === 'en' ? '' : `?lang=${lang}`);

  app.get('/v1/download/ind.sqlite', {
    schema: {
      operationId: 'downloadStore',
      tags: ['downloads'],
      summary: 'The whole SQLite store',
      description:
        'The SQLite database this API answers from (tables, metrics, figures, footnotes, rankings), for bulk users. Strong ETag (the SHA-256 of the file; If-None-Match gives 304), Content-Length and a download name; HEAD gives the headers alone. Licence: CC0 1.0.',
      querystring: NoQuery,
      response: {
        200: { description: 'The SQLite file', content: { [SQLITE_TYPE]: { schema: z.string().meta({ format: 'binary' }) } } },
        ...COMMON_RESPONSES,
      },
    },
  }, async (request, reply) => {
    reply
      .header('etag', storeFile.etag)
      .header('last-modified', storeFile.modified.toUTCString())
      .header('link', `<${urls.catalog}>; rel="describedby"; type="application/ld+json"`);
    const match = request.headers['if-none-match'];
    if (match && match.split(',').some((tag) => tag.trim() === storeFile.etag || tag.trim() === '*')) {
      // 304 has no body, so it has no response schema, and the typed reply does not list it.
      return reply.code(304 as never).send(undefined as never);
    }
    reply
      .type(SQLITE_TYPE)
      .header('content-length', storeFile.byteSize)
      .header('content-disposition', 'attachment; filename="ind.sqlite"');
    // On HEAD, Fastify drains the stream and keeps our Content-Length.
    return reply.send(createReadStream(storeFile.path) as never);
  });

  app.get('/v1/download/figures.csv', {
    schema: {
      operationId: 'downloadFiguresCsv',
      tags: ['downloads'],
      summary: 'Every figure in one CSV',
      description:
        'Every observation of every table, one row each: codes, value, unit, flags, then labels in `lang`. RFC 4180, UTF-8. Its CSVW metadata is at `/v1/download/figures.csv-metadata.json` (announced by `Link: rel="describedby"`).',
      querystring: DownloadQuery,
      response: { 200: { description: 'All figures as CSV', content: { 'text/csv': { schema: CsvSchema } } }, ...COMMON_RESPONSES },
    },
  }, async (request, reply) => {
    const { lang } = request.query;
    reply.header('link', describedBy(`/v1/download/figures.csv-metadata.json${langQuery(lang)}`));
    const csv = toCsv(dataset.observations, FIGURE_COLUMNS, csvContext(dataset, lang));
    return sendFormatted(reply, 'csv', csv, lang === 'en' ? 'ind-figures' : `ind-figures-${lang}`);
  });

  app.get('/v1/download/figures.csv-metadata.json', {
    schema: {
      operationId: 'downloadFiguresCsvMetadata',
      tags: ['downloads'],
      summary: 'CSVW metadata of the CSV of every figure',
      querystring: DownloadQuery,
      response: { 200: { description: 'CSVW metadata', content: { 'application/csvm+json': { schema: CsvwMetadataSchema } } }, ...COMMON_RESPONSES },
    },
  }, async (request, reply) => {
    const { lang } = request.query;
    const metadata = figuresCsvMetadata(request, dataset, config.PUBLIC_URL, lang, {
      title: { nl: 'IND-statistieken: alle cijfers', en: 'IND statistics: all figures' },
      description: {
        nl: 'Alle cijfers van alle tabellen uit het IND-jaarverslag, één rij per cijfer.',
        en: 'Every figure of every table of the IND annual report, one row each.',
      },
      csvUrl: `${urls.figuresCsv}${langQuery(lang)}`,
    });
    return sendFormatted(reply, 'csv-metadata', JSON.stringify(metadata));
  });
};
