import type { Localized } from '../domain.js';
import { csvwMetadata, type CsvwColumnSource } from '../publishing/csvw.js';
import type { RenderContext, Renderer } from './renderers/types.js';

/** What a CSV is made of, for its CSVW description: its columns and the columns that identify a row. */
export interface CsvShape {
  columns: CsvwColumnSource[];
  primaryKey: string[];
}

interface Described {
  title: Localized;
  description: Localized;
  csvUrl?: string;
}

/**
 * CSVW metadata of a CSV, built from the same column definitions as the CSV so the two can
 * never drift. The CSV's URL is the request's own in the described format unless given.
 */
export function csvMetadataJson(shape: CsvShape, d: Described, ctx: RenderContext, csv: Renderer): string {
  return JSON.stringify(
    csvwMetadata({
      csvUrl: d.csvUrl ?? `${ctx.publicUrl}${ctx.urlOf(csv)}`,
      title: d.title,
      description: d.description,
      columns: shape.columns,
      primaryKey: shape.primaryKey,
      report: ctx.dataset.latestReport,
      modified: ctx.dataset.modified,
      publicUrl: ctx.publicUrl,
      lang: ctx.lang,
    }),
  );
}
