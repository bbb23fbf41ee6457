import type { Delta, Observation } from '../../data/types.js';
import { DELTA_COLUMNS, FIGURE_COLUMNS, wideFigures } from '../csv.js';
import { csvMetadataJson, type CsvShape } from '../csv-metadata.js';
import { CsvwMetadataSchema } from '../schemas/publishing.js';
import { csvRenderer, wideCsvRenderer } from './csv.js';
import { STANDARDS } from './standards.js';
import type { Renderer, Rendering, RowsOf } from './types.js';

const CSVW = {
  name: 'csv-metadata',
  mediaType: 'application/csvm+json',
  contentType: 'application/csvm+json; charset=utf-8',
  extension: 'json',
  describes: 'csv',
  conformsTo: [STANDARDS.csvw],
  euFileType: 'JSON',
} as const;

const FIGURE_SHAPE: CsvShape = { columns: FIGURE_COLUMNS, primaryKey: ['table', 'metric', 'procedure', 'year'] };
const DELTA_SHAPE: CsvShape = { columns: DELTA_COLUMNS, primaryKey: ['table', 'metric', 'procedure', 'from', 'to'] };

const of = <T>(shape: (rows: T[]) => CsvShape, csv: Renderer): Rendering<RowsOf<T>> => ({
  schema: CsvwMetadataSchema,
  serialize: (d, c) => csvMetadataJson(shape(d.rows), d, c, csv),
});

const figures = of<Observation>(() => FIGURE_SHAPE, csvRenderer);

/** W3C CSVW metadata of the CSV of the same resource: dialect, columns, datatypes, licence, source. */
export const csvwRenderer: Renderer = {
  ...CSVW,
  id: 'csv-metadata',
  title: 'CSVW metadata',
  renders: {
    table: figures,
    'figure-list': figures,
    'series-list': figures,
    'figure-file': figures,
    'delta-list': of<Delta>(() => DELTA_SHAPE, csvRenderer),
  },
};

const wide = of<Observation>((rows) => ({ columns: wideFigures(rows).columns, primaryKey: ['table', 'metric', 'procedure'] }), wideCsvRenderer);

/** CSVW metadata of the wide CSV: its year columns are those of the data it describes. */
export const wideCsvwRenderer: Renderer = {
  ...CSVW,
  id: 'csv-metadata-wide',
  layout: 'wide',
  layoutNote: wideCsvRenderer.layoutNote!,
  title: 'CSVW metadata (wide)',
  renders: { table: wide, 'figure-list': wide, 'series-list': wide },
};
