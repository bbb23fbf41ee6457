import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { jsonLdToNQuads, jsonLdToTurtle } from '../../src/publishing/turtle.js';

const CONTEXT = { dct: 'http://purl.org/dc/terms/', xsd: 'http://www.w3.org/2001/XMLSchema#' };

describe('JSON-LD to Turtle', () => {
  it('keeps every triple, typed dates and language tags included', async () => {
    const doc = {
      '@context': CONTEXT,
      '@id': 'https://example.org/a',
      'dct:title': [{ '@value': 'Asiel', '@language': 'nl' }, { '@value': 'Asylum', '@language': 'en' }],
      'dct:issued': { '@value': '2026-11-29', '@type': 'xsd:date' },
    };
    const turtle = await jsonLdToTurtle(doc, CONTEXT);
    expect(turtle).toContain('@prefix dct: <http://purl.org/dc/terms/>');
    const quads = new Parser({ format: 'Turtle' }).parse(turtle);
    expect(quads).toHaveLength(3);
    expect(quads.find((q) => q.predicate.value.endsWith('issued'))!.object).toMatchObject({
      value: '2026-11-29',
      datatype: { value: 'http://www.w3.org/2001/XMLSchema#date' },
    });
  });

  it('fails instead of silently dropping a property the context does not define', async () => {
    await expect(jsonLdToNQuads({ '@context': CONTEXT, '@id': 'https://example.org/a', title: 'lost' })).rejects.toThrow(/safe mode/i);
  });

  it('never fetches a remote context', async () => {
    await expect(jsonLdToNQuads({ '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/a' })).rejects.toThrow();
  });
});
