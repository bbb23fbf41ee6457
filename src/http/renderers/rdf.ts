import { z } from 'zod';
import { CatalogJsonLdSchema } from '../schemas/publishing.js';
import { STANDARDS } from './standards.js';
import type { RenderContext, Renderer, ResourceKinds } from './types.js';

type Document = ResourceKinds['catalog']['document'];

/** A document is fixed for the life of the process: each is written once, on first demand. */
function once<T>(write: (doc: Document, ctx: RenderContext) => T) {
  const written = new WeakMap<Document, T>();
  return (doc: Document, ctx: RenderContext): T => {
    let out = written.get(doc);
    if (out === undefined) {
      out = write(doc, ctx);
      written.set(doc, out);
      // A failed conversion is not kept, so the next request tries again.
      if (out instanceof Promise) out.catch(() => written.delete(doc));
    }
    return out;
  };
}

const jsonLd = once((doc) => JSON.stringify(doc));
// Written by jsonld and n3 in the app's offload worker (src/offload), which gives their memory back.
const turtle = once((doc, ctx) => ctx.request.server.offload.run('jsonLdToTurtle', doc, doc['@context']));

/** JSON-LD with an inline context; plain `application/json` clients get it too. */
export const jsonLdRenderer: Renderer = {
  id: 'jsonld',
  name: 'jsonld',
  mediaType: 'application/ld+json',
  contentType: 'application/ld+json; charset=utf-8',
  alsoAccepts: ['application/json'],
  extension: 'jsonld',
  title: 'JSON-LD',
  conformsTo: [STANDARDS.jsonLd],
  euFileType: 'JSON_LD',
  renders: { catalog: { schema: CatalogJsonLdSchema, serialize: (d, ctx) => jsonLd(d.document, ctx) } },
};

/** The same graph in Turtle, with the document's own prefixes. */
export const turtleRenderer: Renderer = {
  id: 'ttl',
  name: 'ttl',
  mediaType: 'text/turtle',
  contentType: 'text/turtle; charset=utf-8',
  extension: 'ttl',
  title: 'Turtle',
  conformsTo: [STANDARDS.turtle],
  euFileType: 'RDF_TURTLE',
  renders: { catalog: { schema: z.string().describe('The same graph in Turtle'), serialize: (d, ctx) => turtle(d.document, ctx) } },
};
