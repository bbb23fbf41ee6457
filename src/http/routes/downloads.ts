import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Language } from '../../domain.js';
import type { StoreFile } from '../../publishing/store-file.js';
import { publicUrls } from '../../publishing/urls.js';
import { byteRanges } from '../byte-ranges.js';
import { csvRenderer, csvwRenderer, jsonLdRenderer, linkTo, renderedResponse, respond, sqliteRenderer } from '../renderers/index.js';
import type { Renderer, ResourceKind } from '../renderers/types.js';
import { appendToEveryRoute } from '../route-hooks.js';
import { COMMON_RESPONSES, problem } from '../schemas/common.js';
import { DownloadQuery, NoQuery } from '../schemas/queries.js';

/** A download's 206 carries the same media type as its 200; a range it cannot serve is a 416 problem. */
function rangeResponses(kind: ResourceKind, renderer: Renderer) {
  return {
    206: renderedResponse(
      kind,
      'One byte range of the file (`Range: bytes=…`), with `Content-Range`; `If-Range` with another ETag gives the whole file instead.',
      renderer,
    ),
    416: problem('The range lies outside the file, or more than one range was asked for; `Content-Range: bytes */{length}` gives the length.'),
  };
}

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
  // Appended after every other send hook (compression, If-None-Match, the response cache), so
  // ranges are cut from the bytes exactly as sent and the cache keeps whole bodies.
  appendToEveryRoute(app, 'onSend', byteRanges(config.PUBLIC_URL));
  // Said by the handlers' answers, before the response cache keeps their headers.
  app.addHook('preHandler', (_request, reply, done) => {
    reply.header('accept-ranges', 'bytes');
    done();
  });

  app.get('/v1/download/ind.sqlite', {
    schema: {
      operationId: 'downloadStore',
      tags: ['downloads'],
      summary: 'The whole SQLite store',
      description:
        'The SQLite database this API answers from (tables, metrics, figures, footnotes, rankings), for bulk users: the very snapshot opened at start-up. Strong ETag (the SHA-256 of the file; If-None-Match gives 304), Content-Length and a download name; HEAD gives the headers alone. `Range` (one byte range) resumes a download, guarded by `If-Range`. Licence: CC0 1.0.',
      querystring: NoQuery,
      response: {
        200: renderedResponse('store-file', 'The SQLite file', sqliteRenderer),
        ...rangeResponses('store-file', sqliteRenderer),
        ...COMMON_RESPONSES,
      },
    },
  }, async (request, reply) => {
    // Served from the bytes read at start-up, so removing or replacing the file changes nothing here;
    // If-None-Match and Range are answered on the way out, like every other answer's.
    reply
      .header('etag', storeFile.etag)
      .header('last-modified', storeFile.modified.toUTCString())
      .header('link', linkTo(urls.catalog, 'describedby', jsonLdRenderer));
    return respond(request, reply, { kind: 'store-file', data: { bytes: storeFile.bytes, filename: 'ind' } }, { renderer: sqliteRenderer });
  });

  app.get('/v1/download/figures.csv', {
    schema: {
      operationId: 'downloadFiguresCsv',
      tags: ['downloads'],
      summary: 'Every figure in one CSV',
      description:
        'Every observation of every table, one row each: codes, value, unit, flags, then labels in `lang`. RFC 4180, UTF-8. Its CSVW metadata is at `/v1/download/figures.csv-metadata.json` (announced by `Link: rel="describedby"`). `Range` (one byte range, of the representation as sent, compressed or not) resumes a download, guarded by `If-Range`.',
      querystring: DownloadQuery,
      response: {
        200: renderedResponse('figure-file', 'All figures as CSV', csvRenderer),
        ...rangeResponses('figure-file', csvRenderer),
        ...COMMON_RESPONSES,
      },
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
      operationId: 'downloadFiguresCsvMetadata',
      tags: ['downloads'],
      summary: 'CSVW metadata of the CSV of every figure',
      querystring: DownloadQuery,
      response: { 200: renderedResponse('figure-file', 'CSVW metadata', csvwRenderer), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, { kind: 'figure-file', data: allFigures(request.query.lang) }, { renderer: csvwRenderer }));
};
