// Recorded answers of the API, replayed byte for byte by the baseline servers. The file is a JSON
// array of { url, accept, ifNoneMatch, status, headers, body (base64) }; a request finds its
// answer by URL, Accept and If-None-Match, the request headers the measured requests vary on.
import { readFileSync } from 'node:fs';

export const keyOf = (url, headers) => `${url}\n${headers.accept ?? ''}\n${headers['if-none-match'] ?? ''}`;

/** The recorded answers by key; `withLength` adds Content-Length (node:http does not compute it). */
export function loadRecorded(file, { withLength }) {
  const recorded = JSON.parse(readFileSync(file, 'utf8'));
  return new Map(
    recorded.map((r) => {
      const body = Buffer.from(r.body, 'base64');
      const headers = withLength && r.status !== 304 ? { ...r.headers, 'content-length': String(body.length) } : r.headers;
      return [keyOf(r.url, { accept: r.accept, 'if-none-match': r.ifNoneMatch }), { path: r.url.split('?')[0], status: r.status, headers, body }];
    }),
  );
}
