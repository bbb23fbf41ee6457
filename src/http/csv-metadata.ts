import type { FastifyRequest } from 'fastify';
import type { Dataset } from '../data/dataset.js';
import type { Language, Localized } from '../domain.js';
import { csvwMetadata } from '../publishing/csvw.js';
import { DELTA_COLUMNS, FIGURE_COLUMNS } from './csv.js';
import { urlInFormat } from './formats.js';

interface Described {
  title: Localized;
  description: Localized;
  /** Absolute URL of the CSV; by default the request's own URL with `format=csv`. */
  csvUrl?: string;
}

const csvUrlOf = (request: FastifyRequest, publicUrl: string) => `${publicUrl}${urlInFormat(request, 'csv')}`;

/** What each kind of CSV is made of: its columns and the columns that identify a row. */
const CSV_KINDS = {
  figures: { columns: FIGURE_COLUMNS, primaryKey: ['table', 'metric', 'procedure', 'year'] },
  deltas: { columns: DELTA_COLUMNS, primaryKey: ['table', 'metric', 'procedure', 'from', 'to'] },
} as const;

/** CSVW metadata of a CSV built from the same column definitions, so the two can never drift. */
function metadataFor(kind: keyof typeof CSV_KINDS) {
  return (request: FastifyRequest, dataset: Dataset, publicUrl: string, lang: Language, d: Described) =>
    csvwMetadata({
      csvUrl: d.csvUrl ?? csvUrlOf(request, publicUrl),
      title: d.title,
      description: d.description,
      columns: CSV_KINDS[kind].columns,
      primaryKey: [...CSV_KINDS[kind].primaryKey],
      report: dataset.latestReport,
      publicUrl,
      lang,
    });
}

export const figuresCsvMetadata = metadataFor('figures');
export const deltasCsvMetadata = metadataFor('deltas');
