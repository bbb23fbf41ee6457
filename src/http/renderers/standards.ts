import type { Standard } from './types.js';

/** The standards our representations follow, cited by the catalog's `dct:conformsTo`. */
export const STANDARDS = {
  csv: { iri: 'https://www.rfc-editor.org/rfc/rfc4180', title: 'RFC 4180: Common Format and MIME Type for Comma-Separated Values (CSV) Files' },
  csvw: { iri: 'http://www.w3.org/ns/csvw', title: 'CSV on the Web (CSVW) metadata vocabulary' },
  jsonStat: { iri: 'https://json-stat.org/format/', title: 'JSON-stat 2.0' },
  jsonLd: { iri: 'https://www.w3.org/TR/json-ld11/', title: 'JSON-LD 1.1' },
  turtle: { iri: 'https://www.w3.org/TR/turtle/', title: 'RDF 1.1 Turtle' },
  sqlite: { iri: 'https://www.sqlite.org/fileformat.html', title: 'SQLite database file format' },
} satisfies Record<string, Standard>;
