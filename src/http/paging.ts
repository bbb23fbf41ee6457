import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Page<T> {
  items: T[];
  meta: { total: number; count: number; limit: number; offset: number; next: string | null };
}

/** Slices a result and, while more remain, announces the next page in `Link: <…>; rel="next"`. */
export function paginate<T>(request: FastifyRequest, reply: FastifyReply, all: T[], limit: number, offset: number): Page<T> {
  const items = all.slice(offset, offset + limit);
  let next: string | null = null;
  if (offset + items.length < all.length) {
    const [path, query = ''] = request.url.split('?');
    const params = new URLSearchParams(query);
    params.set('offset', String(offset + items.length));
    params.set('limit', String(limit));
    next = `${path}?${params.toString()}`;
    reply.header('link', `<${next}>; rel="next"`);
  }
  return { items, meta: { total: all.length, count: items.length, limit, offset, next } };
}
