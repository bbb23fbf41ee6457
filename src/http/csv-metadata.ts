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

/** CSVW metadata of a CSV of figures (FIGURE_COLUMNS), so its columns can never drift from the CSV. */
export function figuresCsvMetadata(request: FastifyRequest, dataset: Dataset, publicUrl: string, lang: Language, d: Described) {
  return csvwMetadata({
    csvUrl: d.csvUrl ?? csvUrlOf(request, publicUrl),
    title: d.title,
    description: d.description,
    columns: FIGURE_COLUMNS,
    primaryKey: ['table', 'metric', 'procedure', 'year'],
    report: dataset.latestReport,
    publicUrl,
    lang,
  });
}

/** CSVW metadata of a CSV of year-over-year changes (DELTA_COLUMNS). */
export function deltasCsvMetadata(request: FastifyRequest, dataset: Dataset, publicUrl: string, lang: Language, d: Described) {
  return csvwMetadata({
    csvUrl: d.csvUrl ?? csvUrlOf(request, publicUrl),
    title: d.title,
    description: d.description,
    columns: DELTA_COLUMNS,
    primaryKey: ['table', 'metric', 'procedure', 'from', 'to'],
    report: dataset.latestReport,
    publicUrl,
    lang,
  });
}
