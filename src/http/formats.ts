import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Every output format the API speaks, in one map: a route lists the ones it offers, and the
 * same entry drives content negotiation, the `format` parameter and `Link rel=alternate`.
 */
export const FORMATS = {
  json: { mediaType: 'application/json', type: 'application/json; charset=utf-8', extension: 'json' },
  csv: { mediaType: 'text/csv', type: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  'json-stat': { mediaType: 'application/json', type: 'application/json; charset=utf-8', extension: 'json' },
  /** CSVW metadata describing the CSV of the same resource; announced as rel="describedby", not as an alternate. */
  'csv-metadata': { mediaType: 'application/csvm+json', type: 'application/csvm+json; charset=utf-8', extension: 'json' },
} as const;

export type FormatName = keyof typeof FORMATS;

/** `?format=` wins; otherwise the Accept header may ask for CSV; JSON is the default. */
export function chooseFormat(request: FastifyRequest, offered: readonly FormatName[], requested?: string): FormatName {
  if (requested && (offered as readonly string[]).includes(requested)) return requested as FormatName;
  const accept = request.headers.accept;
  if (accept && offered.includes('csv') && accept.includes('text/csv')) {
    const best = request.accepts().type(['application/json', 'text/csv']);
    if (best === 'text/csv') return 'csv';
  }
  return 'json';
}

/** The same request in another format: path and query kept, `format` set (or dropped for JSON). */
export function urlInFormat(request: FastifyRequest, format: FormatName): string {
  const [path, query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  if (format === 'json') params.delete('format');
  else params.set('format', format);
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Announces the other representations of the same resource (`Link: <…?format=csv>; rel="alternate"`)
 * and, on a CSV, its CSVW metadata (`rel="describedby"`).
 */
export function linkAlternates(request: FastifyRequest, reply: FastifyReply, offered: readonly FormatName[], current: FormatName) {
  const links = offered
    .filter((f) => f !== current && f !== 'csv-metadata')
    .map((f) => `<${urlInFormat(request, f)}>; rel="alternate"; type="${FORMATS[f].mediaType}"`);
  if (current === 'csv' && offered.includes('csv-metadata')) links.push(describedBy(urlInFormat(request, 'csv-metadata')));
  if (links.length) reply.header('link', [reply.getHeader('link'), ...links].filter(Boolean).join(', '));
  reply.header('vary', 'Accept');
}

export const describedBy = (href: string) => `<${href}>; rel="describedby"; type="${FORMATS['csv-metadata'].mediaType}"`;

export function sendFormatted(reply: FastifyReply, format: FormatName, body: string, filename?: string) {
  reply.type(FORMATS[format].type);
  if (filename && format === 'csv') {
    reply.header('content-disposition', `attachment; filename="${filename}.${FORMATS[format].extension}"`);
  }
  return reply.send(body);
}
