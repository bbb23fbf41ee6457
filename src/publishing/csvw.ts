import type { ReportInfo } from '../data/types.js';
import type { Language, Localized } from '../domain.js';
import { LICENSE, PUBLISHER } from '../publication.js';
import { citation } from './vocabulary.js';

/** The part of a CSV column that its CSVW description needs. */
export interface CsvwColumnSource {
  name: string;
  datatype: 'string' | 'integer' | 'decimal' | 'boolean';
  description: Localized;
  required?: boolean;
}

export interface CsvwOptions {
  /** Absolute URL of the CSV the metadata describes. */
  csvUrl: string;
  title: Localized;
  description: Localized;
  columns: CsvwColumnSource[];
  /** Columns that together identify a row. */
  primaryKey: string[];
  report: ReportInfo;
  /** The day of the newest release (YYYY-MM-DD). */
  modified: string | null;
  publicUrl: string;
  lang: Language;
}

/**
 * CSV on the Web (W3C CSVW) metadata for one of our CSVs: the dialect we write (RFC 4180, UTF-8,
 * CRLF, one header row), every column with its datatype, and the licence and source. Column
 * titles equal the header cells, so a CSVW validator can match them.
 */
export function csvwMetadata(o: CsvwOptions) {
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': o.lang }],
    url: o.csvUrl,
    'dc:title': o.title[o.lang],
    'dc:description': o.description[o.lang],
    'dc:publisher': PUBLISHER.name[o.lang],
    'dc:license': { '@id': LICENSE.url },
    'dc:source': citation(o.report, o.publicUrl, o.lang),
    ...(o.modified ? { 'dc:modified': { '@value': o.modified, '@type': 'xsd:date' } } : {}),
    dialect: {
      encoding: 'utf-8',
      delimiter: ',',
      quoteChar: '"',
      doubleQuote: true,
      header: true,
      headerRowCount: 1,
      lineTerminators: ['\r\n'],
    },
    tableSchema: {
      columns: o.columns.map((c) => ({
        name: c.name,
        titles: c.name,
        'dc:description': c.description[o.lang],
        datatype: c.datatype,
        required: c.required ?? false,
        null: '',
      })),
      primaryKey: o.primaryKey,
    },
  };
}
