import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  unique,
} from 'drizzle-orm/sqlite-core';

/**
 * The store. Keys are chosen so that a duplicate figure (same report, table, metric,
 * procedure and year) or an orphan (a figure of an unknown metric or report) cannot be written.
 * Several reports live side by side: a later report may restate an earlier year, and both
 * values stay.
 */

export const reports = sqliteTable('reports', {
  id: text('id').primaryKey(),
  year: integer('year').notNull().unique(),
  titleNl: text('title_nl').notNull(),
  titleEn: text('title_en').notNull(),
  publisherNl: text('publisher_nl').notNull(),
  publisherEn: text('publisher_en').notNull(),
  citationNl: text('citation_nl').notNull(),
  citationEn: text('citation_en').notNull(),
});

export const statTables = sqliteTable('stat_tables', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  heading: text('heading').notNull(),
  titleNl: text('title_nl').notNull(),
  titleEn: text('title_en').notNull(),
  descriptionNl: text('description_nl').notNull(),
  descriptionEn: text('description_en').notNull(),
});

export const metrics = sqliteTable(
  'metrics',
  {
    tableId: text('table_id')
      .notNull()
      .references(() => statTables.id),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    unit: text('unit').notNull(),
    roundedTo: real('rounded_to').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tableId, t.id] }),
    check('metrics_unit', sql`${t.unit} in ('count', 'percent', 'eur', 'eur-million', 'fte')`),
    check('metrics_rounded_to', sql`${t.roundedTo} > 0`),
  ],
);

export const observations = sqliteTable(
  'observations',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    procedure: text('procedure').notNull(),
    year: integer('year').notNull(),
    value: real('value').notNull(),
    revisedValue: real('revised_value'),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
    inText: integer('in_text', { mode: 'boolean' }).notNull(),
    labelNl: text('label_nl').notNull(),
    labelEn: text('label_en').notNull(),
    section: text('section').notNull(),
    printedRow: text('printed_row').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.metricId, t.procedure, t.year] }),
    foreignKey({ columns: [t.tableId, t.metricId], foreignColumns: [metrics.tableId, metrics.id] }),
    check('observations_procedure', sql`${t.procedure} in ('total', 'tev', 'vvr')`),
    check('observations_year', sql`${t.year} between 1900 and 2999`),
  ],
);

export const footnotes = sqliteTable(
  'footnotes',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    id: text('id').notNull(),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    marker: text('marker').notNull(),
    textNl: text('text_nl').notNull(),
    textEn: text('text_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.id] }),
    foreignKey({ columns: [t.tableId, t.metricId], foreignColumns: [metrics.tableId, metrics.id] }),
  ],
);

/** Which footnotes a figure carries; both ends must exist in the same report. */
export const observationFootnotes = sqliteTable(
  'observation_footnotes',
  {
    reportId: text('report_id').notNull(),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    procedure: text('procedure').notNull(),
    year: integer('year').notNull(),
    footnoteId: text('footnote_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.metricId, t.procedure, t.year, t.footnoteId] }),
    foreignKey({
      columns: [t.reportId, t.tableId, t.metricId, t.procedure, t.year],
      foreignColumns: [
        observations.reportId,
        observations.tableId,
        observations.metricId,
        observations.procedure,
        observations.year,
      ],
    }),
    foreignKey({ columns: [t.reportId, t.footnoteId], foreignColumns: [footnotes.reportId, footnotes.id] }),
  ],
);

export const rankings = sqliteTable(
  'rankings',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    tableId: text('table_id')
      .notNull()
      .references(() => statTables.id),
    year: integer('year').notNull(),
    rank: integer('rank').notNull(),
    country: text('country').notNull(),
    labelNl: text('label_nl').notNull(),
    labelEn: text('label_en').notNull(),
    basisNl: text('basis_nl').notNull(),
    basisEn: text('basis_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.year, t.rank] }),
    unique('rankings_country_once').on(t.reportId, t.tableId, t.year, t.country),
    check('rankings_rank', sql`${t.rank} >= 1`),
    check('rankings_country', sql`length(${t.country}) = 2 and ${t.country} = upper(${t.country})`),
  ],
);

/** Shares a report states in its text ("circa 62 %"), kept so that checks can test them. */
export const statedShares = sqliteTable(
  'stated_shares',
  {
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    id: text('id').notNull(),
    tableId: text('table_id').notNull(),
    year: integer('year').notNull(),
    partMetricId: text('part_metric_id').notNull(),
    wholeMetricId: text('whole_metric_id').notNull(),
    percent: real('percent').notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
    section: text('section').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.id] }),
    foreignKey({ columns: [t.tableId, t.partMetricId], foreignColumns: [metrics.tableId, metrics.id] }),
    foreignKey({ columns: [t.tableId, t.wholeMetricId], foreignColumns: [metrics.tableId, metrics.id] }),
  ],
);
