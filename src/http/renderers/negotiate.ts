import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';
import { defaultRenderer, formatNames, rendererNamed, renderersFor } from './registry.js';
import type { Renderer, ResourceKind } from './types.js';

interface FormatQuery {
  format?: string;
  layout?: string;
}

/** Adds a header name to `Vary` unless it is there already. */
export function varyOn(reply: FastifyReply, name: string) {
  const names = String(reply.getHeader('vary') ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) reply.header('vary', [...names, name].join(', '));
}

/** Media types a client may name in `Accept` for `kind`, and the renderer each one picks. */
function acceptable(kind: ResourceKind): Map<string, Renderer> {
  const types = new Map<string, Renderer>();
  const renderers = renderersFor(kind).filter((r) => !r.layout);
  // Each renderer's own type first, so a type's own renderer wins over one that merely accepts it.
  for (const r of renderers) if (!types.has(r.mediaType)) types.set(r.mediaType, r);
  for (const r of renderers) for (const type of r.alsoAccepts ?? []) if (!types.has(type)) types.set(type, r);
  return types;
}

/**
 * Picks the representation: `?format=` wins; otherwise the best match for `Accept` (q-values
 * and wildcards as RFC 9110 says, ties to the default); then `?layout=` picks that format's
 * layout. Nothing acceptable is 406, a layout the format lacks is 400.
 */
export function negotiate(request: FastifyRequest, reply: FastifyReply, kind: ResourceKind): Renderer {
  const query = (request.query ?? {}) as FormatQuery;
  varyOn(reply, 'Accept');
  let chosen = query.format ? rendererNamed(kind, query.format) : undefined;
  if (query.format && !chosen) {
    throw new HttpProblem(400, `Format "${query.format}" is not offered here.`, [
      { parameter: 'format', message: 'not offered for this resource', allowed: formatNames(kind) },
    ]);
  }
  // An Accept that names no media range at all (malformed, or only q=0) is treated as absent.
  if (!chosen && request.headers.accept && (request.accepts().types() as string[]).length > 0) {
    const types = acceptable(kind);
    const best = request.accepts().type([...types.keys()]);
    if (!best) {
      throw new HttpProblem(406, `None of the media types in Accept is offered here. Offered: ${[...types.keys()].join(', ')}; or ask with ?format= (${formatNames(kind).join(', ')}).`, [
        { parameter: 'Accept', message: 'no offered media type is acceptable', allowed: [...types.keys()] },
      ]);
    }
    chosen = types.get(best as string);
  }
  chosen ??= defaultRenderer(kind);
  if (query.layout) {
    const laid = rendererNamed(kind, chosen.name, query.layout);
    if (!laid) {
      const formats = renderersFor(kind).filter((r) => r.layout === query.layout).map((r) => r.name);
      throw new HttpProblem(400, `Layout "${query.layout}" applies to format ${formats.join(' or ')} only, not to ${chosen.name}.`, [
        { parameter: 'layout', message: `only with format ${formats.join(' or ')}`, allowed: formats.map((f) => `format=${f}`) },
      ]);
    }
    chosen = laid;
  }
  return chosen;
}
