import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../domain.js';
import { negotiate } from './negotiate.js';
import { defaultRenderer, describerOf, renderersFor } from './registry.js';
import type { Output, RenderContext, Renderer, Rendering, Resource, ResourceKind, ResourceKinds } from './types.js';

/** Path and query of the request, asking for `renderer` instead: `format` and `layout` set, or dropped for the default. */
export function urlIn(request: FastifyRequest, kind: ResourceKind, renderer: Renderer): string {
  const [path, query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  if (renderer === defaultRenderer(kind)) params.delete('format');
  else params.set('format', renderer.name);
  if (renderer.layout) params.set('layout', renderer.layout);
  else params.delete('layout');
  const qs = params.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/** A `Link` value pointing at a representation. */
export const linkTo = (href: string, rel: string, renderer: Renderer) => `<${href}>; rel="${rel}"; type="${renderer.mediaType}"`;

function appendLinks(reply: FastifyReply, links: string[]) {
  if (links.length) reply.header('link', [reply.getHeader('link'), ...links].filter(Boolean).join(', '));
}

/**
 * Announces the other representations (`rel="alternate"`) and, where one exists, the metadata
 * describing this one (`rel="describedby"`, the CSVW of a CSV).
 */
function announce(request: FastifyRequest, reply: FastifyReply, kind: ResourceKind, current: Renderer) {
  const links = renderersFor(kind)
    .filter((r) => r !== current && !r.describes)
    .map((r) => linkTo(urlIn(request, kind, r), 'alternate', r));
  const describer = describerOf(kind, current);
  if (describer) links.push(linkTo(urlIn(request, kind, describer), 'describedby', describer));
  appendLinks(reply, links);
}

const isJson = (out: Output): out is { json: unknown } =>
  typeof out === 'object' && out !== null && !Buffer.isBuffer(out) && 'json' in out && !('pipe' in out);

export interface RespondOptions {
  /** A fixed representation (a download at its own path): no negotiation, no alternates. */
  renderer?: Renderer;
  /** Further `Link` values, e.g. the metadata of a download. */
  links?: string[];
}

/**
 * The one way a route answers: negotiates the representation of `resource`, announces the
 * others, and writes it with the chosen renderer.
 */
export async function respond<K extends ResourceKind>(request: FastifyRequest, reply: FastifyReply, resource: Resource<K>, options: RespondOptions = {}) {
  const { kind, data } = resource as { kind: K; data: ResourceKinds[K] };
  const renderer = options.renderer ?? negotiate(request, reply, kind);
  const rendering = renderer.renders[kind] as Rendering<ResourceKinds[K]> | undefined;
  if (!rendering) throw new Error(`renderer "${renderer.id}" does not write "${kind}"`);
  if (!options.renderer) announce(request, reply, kind, renderer);
  appendLinks(reply, options.links ?? []);
  const ctx: RenderContext = {
    request,
    dataset: request.server.dataset,
    publicUrl: request.server.config.PUBLIC_URL,
    lang: (request.query as { lang?: Language } | undefined)?.lang ?? 'en',
    renderer,
    urlOf: (other) => urlIn(request, kind, other),
  };
  const out = await rendering.serialize(data, ctx);
  reply.type(renderer.contentType);
  const filename = (data as { filename?: unknown }).filename;
  if (renderer.attachment && typeof filename === 'string') {
    reply.header('content-disposition', `attachment; filename="${filename}${renderer.layout ? `-${renderer.layout}` : ''}.${renderer.extension}"`);
  }
  return reply.send(isJson(out) ? out.json : out);
}
