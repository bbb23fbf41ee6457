import type { Delta, Observation } from '../../data/types.js';
import { csvContext, DELTA_COLUMNS, FIGURE_COLUMNS, toCsv, wideFigures } from '../csv.js';
import { CsvSchema } from '../schemas/publishing.js';
import { STANDARDS } from './standards.js';
import type { Renderer, Rendering, RowsOf } from './types.js';

const CSV = {
  name: 'csv',
  mediaType: 'text/csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  attachment: true,
  conformsTo: [STANDARDS.csv],
  euFileType: 'CSV',
} as const;

const figures: Rendering<RowsOf<Observation>> = {
  schema: CsvSchema,
  serialize: (d, c) => toCsv(d.rows, FIGURE_COLUMNS, csvContext(c.dataset, c.lang)),
};
const deltas: Rendering<RowsOf<Delta>> = {
  schema: CsvSchema,
  serialize: (d, c) => toCsv(d.rows, DELTA_COLUMNS, csvContext(c.dataset, c.lang)),
};

/** RFC 4180 CSV, one row per figure: codes, value, unit, flags, then labels in `lang`. */
export const csvRenderer: Renderer = {
  ...CSV,
  id: 'csv',
  title: 'CSV',
  renders: {
    table: {
      ...figures,
      distribution: {
        nl: 'Eén rij per cijfer, met codes en labels; ?lang=nl geeft Nederlandse labels. Beschreven door CSVW-metadata.',
        en: 'One row per figure, with codes and labels; ?lang=nl gives Dutch labels. Described by CSVW metadata.',
      },
    },
    'figure-list': figures,
    'series-list': figures,
    'delta-list': deltas,
    'figure-file': {
      ...figures,
      distribution: {
        nl: 'Eén rij per cijfer van alle tabellen, met codes en labels. Beschreven door CSVW-metadata.',
        en: 'One row per figure of every table, with codes and labels. Described by CSVW metadata.',
      },
    },
  },
};

const wide: Rendering<RowsOf<Observation>> = {
  schema: CsvSchema,
  serialize: (d, c) => {
    const { rows, columns } = wideFigures(d.rows);
    return toCsv(rows, columns, csvContext(c.dataset, c.lang));
  },
};

/** The same figures with years as columns: one row per table, metric and procedure. */
export const wideCsvRenderer: Renderer = {
  ...CSV,
  id: 'csv-wide',
  layout: 'wide',
  layoutNote: 'one row per table, metric and procedure with a column per year in the data',
  title: 'CSV (wide)',
  renders: { table: wide, 'figure-list': wide, 'series-list': wide },
};
