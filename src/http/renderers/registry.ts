import { csvwRenderer, wideCsvwRenderer } from './csv-metadata.js';
import { csvRenderer, wideCsvRenderer } from './csv.js';
import { jsonStatRenderer } from './json-stat.js';
import { jsonRenderer } from './json.js';
import { jsonLdRenderer, turtleRenderer } from './rdf.js';
import { SDMX_RENDERERS } from './sdmx.js';
import { sqliteRenderer } from './sqlite.js';
import { atomRenderer } from './atom.js';
import type { Renderer, ResourceKind } from './types.js';

/**
 * Every representation the API writes, in one list. To add a format, write a `Renderer` (its
 * media type, `?format=` name, extension and a serializer per resource kind) and add it here.
 * Order matters: for each kind, the first renderer that writes it is the default, and the
 * order is that of `Link` headers, OpenAPI content types and `/v1`'s format list.
 */
export const RENDERERS: readonly Renderer[] = [
  jsonRenderer,
  csvRenderer,
  wideCsvRenderer,
  csvwRenderer,
  wideCsvwRenderer,
  jsonStatRenderer,
  jsonLdRenderer,
  turtleRenderer,
  sqliteRenderer,
  atomRenderer,
  ...SDMX_RENDERERS,
];

const unique = <T>(values: T[]) => [...new Set(values)];

const byKind = new Map<ResourceKind, Renderer[]>();

/** The renderers that write `kind`, its default first. */
export function renderersFor(kind: ResourceKind): Renderer[] {
  let list = byKind.get(kind);
  if (!list) {
    list = RENDERERS.filter((r) => r.renders[kind]);
    byKind.set(kind, list);
  }
  return list;
}

export function defaultRenderer(kind: ResourceKind): Renderer {
  const first = renderersFor(kind)[0];
  if (!first) throw new Error(`no renderer writes "${kind}"`);
  return first;
}

/** `?format=` names offered for `kind`, or across the whole API. */
export function formatNames(kind?: ResourceKind): string[] {
  return unique((kind ? renderersFor(kind) : [...RENDERERS]).map((r) => r.name));
}

/** `?layout=` values offered for `kind`. */
export function layoutNames(kind: ResourceKind): string[] {
  return unique(renderersFor(kind).flatMap((r) => (r.layout ? [r.layout] : [])));
}

/** The renderer for a `?format=` name and optional layout, if `kind` has one. */
export function rendererNamed(kind: ResourceKind, name: string, layout?: string): Renderer | undefined {
  return renderersFor(kind).find((r) => r.name === name && r.layout === layout);
}

/** The metadata renderer that describes `renderer` (CSVW for a CSV of the same layout), if `kind` has one. */
export function describerOf(kind: ResourceKind, renderer: Renderer): Renderer | undefined {
  return renderersFor(kind).find((r) => r.describes === renderer.name && r.layout === renderer.layout);
}

/** The query string that asks for `renderer` explicitly: `?format=csv&layout=wide`. */
export function formatQuery(renderer: Renderer): string {
  return `?format=${renderer.name}${renderer.layout ? `&layout=${renderer.layout}` : ''}`;
}

/** How to ask for each representation of `kind`, in words for descriptions: "CSV (`?format=csv` or `Accept: text/csv`), …". */
export function describeFormats(kind: ResourceKind): string {
  const fallback = defaultRenderer(kind);
  return renderersFor(kind)
    .map((r) => {
      const ask = [`\`${formatQuery(r)}\``];
      if (!r.layout) ask.push(`\`Accept: ${r.mediaType}\``);
      return `${r.title} (${r === fallback ? 'the default; ' : ''}${ask.join(' or ')})`;
    })
    .join(', ');
}
