import type jsonld from 'jsonld';
import type { Quad } from 'n3';

// The RDF libraries are loaded when a graph is first converted (only the Turtle catalog needs
// them), not at start-up.

/**
 * Our JSON-LD documents carry their context inline; anything that would make the processor
 * fetch a document from the network is a mistake, so it fails instead of reaching out.
 */
export async function offlineDocumentLoader(url: string): Promise<never> {
  throw new Error(`refusing to load a remote JSON-LD document (${url}); contexts must be inline`);
}

/**
 * JSON-LD to N-Quads. Safe mode makes the processor fail on anything it would otherwise drop
 * silently (an undefined term, a malformed IRI), so the RDF says all the JSON-LD says.
 */
export async function jsonLdToNQuads(doc: object): Promise<string> {
  const { default: processor } = await import('jsonld');
  const options = { format: 'application/n-quads', documentLoader: offlineDocumentLoader, safe: true };
  return (await processor.toRDF(doc as jsonld.JsonLdDocument, options as jsonld.Options.ToRdf)) as unknown as string;
}

/**
 * n3 would rename blank nodes with a prefix counted up across the whole process (`b0_`, `b1_`…),
 * so the same graph would come out as other bytes (and another ETag) on each conversion. The
 * N-Quads' own labels are unique within the document already, so they are kept as they are.
 */
export async function jsonLdToQuads(doc: object): Promise<Quad[]> {
  const { Parser } = await import('n3');
  return new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(await jsonLdToNQuads(doc));
}

/** The same graph as Turtle, written by n3 with the document's own prefixes. */
export async function jsonLdToTurtle(doc: object, prefixes: Record<string, string>): Promise<string> {
  const quads = await jsonLdToQuads(doc);
  const { Writer } = await import('n3');
  const writer = new Writer({ prefixes });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}
