/** The headers a cache or a harvester acts on: HEAD must give the same as GET, and two negotiations of one representation the same. */
export const REPRESENTATION_HEADERS = ['content-type', 'content-encoding', 'content-length', 'etag', 'vary', 'cache-control', 'last-modified'] as const;

/** Those headers of an answer, to compare with another's. */
export const representationHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(REPRESENTATION_HEADERS.map((name) => [name, headers[name]]));
