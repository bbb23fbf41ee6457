import type { Standard } from './types.js';

/** The standards our representations follow, cited by the catalog's `dct:conformsTo`. */
export const STANDARDS = {
  csv: { iri: 'https://www.rfc-editor.org/rfc/rfc4180', title: 'RFC 4180: Common Format and MIME Type for Comma-Separated Values (CSV) Files' },
  csvw: { iri: 'http://www.w3.org/ns/csvw', title: 'CSV on the Web (CSVW) metadata vocabulary' },
  jsonStat: { iri: 'https://json-stat.org/format/', title: 'JSON-stat 2.0' },
  jsonLd: { iri: 'https://www.w3.org/TR/json-ld11/', title: 'JSON-LD 1.1' },
  turtle: { iri: 'https://www.w3.org/TR/turtle/', title: 'RDF 1.1 Turtle' },
  sqlite: { iri: 'https://www.sqlite.org/fileformat.html', title: 'SQLite database file format' },
  sdmxMl21: { iri: 'https://github.com/sdmx-twg/sdmx-ml/tree/v2.1', title: 'SDMX-ML 2.1 (SDMX 2.1 technical standards, ISO 17369)' },
  sdmxJson1: { iri: 'https://github.com/sdmx-twg/sdmx-json/tree/v1.0', title: 'SDMX-JSON 1.0 data message' },
  sdmxCsv1: { iri: 'https://github.com/sdmx-twg/sdmx-csv/tree/v1.0', title: 'SDMX-CSV 1.0' },
  sdmxJson2: { iri: 'https://github.com/sdmx-twg/sdmx-json', title: 'SDMX-JSON 2.1 (SDMX 3.1)' },
  sdmxCsv2: { iri: 'https://github.com/sdmx-twg/sdmx-csv', title: 'SDMX-CSV 2.1 (SDMX 3.1)' },
  sdmxRest21: { iri: 'https://github.com/sdmx-twg/sdmx-rest/tree/v1.5.0', title: 'SDMX RESTful web services 1.5.0 (SDMX 2.1)' },
  sdmxRest3: { iri: 'https://github.com/sdmx-twg/sdmx-rest', title: 'SDMX REST API 2.x (SDMX 3)' },
} satisfies Record<string, Standard>;
