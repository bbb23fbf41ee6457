import { z } from 'zod';
import { ProblemSchema } from '../schemas/common.js';
import { defaultRenderer, formatNames, layoutNames, renderersFor } from './registry.js';
import type { Renderer, ResourceKind } from './types.js';

/**
 * The 200 response of a route answering with `kind`: one content entry per media type its
 * renderers write (a union where two share one, as JSON and JSON-stat do). With `only`, just
 * that renderer (a download at a fixed path).
 */
export function renderedResponse(kind: ResourceKind, description: string, only?: Renderer) {
  const content: Record<string, { schema: z.ZodType }> = {};
  const schemas = new Map<string, z.ZodType[]>();
  for (const r of only ? [only] : renderersFor(kind)) {
    const schema = r.renders[kind]!.schema;
    const list = schemas.get(r.mediaType) ?? [];
    if (!list.includes(schema)) list.push(schema);
    schemas.set(r.mediaType, list);
  }
  for (const [type, list] of schemas) {
    content[type] = { schema: list.length === 1 ? list[0]! : z.union(list as [z.ZodType, z.ZodType, ...z.ZodType[]]) };
  }
  return { description, content };
}

/** The 200 and 406 responses of a negotiated route. */
export function negotiatedResponses(kind: ResourceKind, description: string) {
  const types = [...new Set(renderersFor(kind).filter((r) => !r.layout).map((r) => r.mediaType))];
  return {
    200: renderedResponse(kind, description),
    406: {
      description: `Accept names none of the media types offered (${types.join(', ')}); problem details list them.`,
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  };
}

/** The `format` query parameter of `kind`: its names, described from the renderers. */
export function formatParam(kind: ResourceKind) {
  const names = formatNames(kind) as [string, ...string[]];
  const byName = renderersFor(kind).filter((r) => !r.layout);
  const fallback = defaultRenderer(kind);
  const list = byName.map((r) => `\`${r.name}\` (${r.title}, ${r.mediaType}${r === fallback ? ', the default' : ''})`).join(', ');
  return z.enum(names).optional().describe(`Output format: ${list}. Wins over the \`Accept\` header, which works too.`);
}

/** The `layout` query parameter of `kind`, where some format of it has another layout. */
export function layoutParam(kind: ResourceKind) {
  const layouts = layoutNames(kind) as [string, ...string[]];
  const notes = layouts.map((layout) => {
    const laid = renderersFor(kind).filter((r) => r.layout === layout);
    const note = laid.find((r) => r.layoutNote)?.layoutNote ?? laid[0]!.title;
    return `\`${layout}\` (with ${laid.map((r) => `\`format=${r.name}\``).join(' or ')}): ${note}`;
  });
  return z.enum(layouts).optional().describe(`Arrangement of the rows: ${notes.join('; ')}. Any other format refuses it with 400.`);
}
