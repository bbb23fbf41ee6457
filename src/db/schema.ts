import { sql } from 'drizzle-orm';
import { DATE_BASES, LANGUAGES, PRECISIONS, PROCEDURES, QUALIFIERS, RELEASE_KINDS, UNITS } from '../domain.js';
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
 * The store. Keys are chosen so that a duplicate figure (same release, table, metric,
 * procedure and year) or an orphan (a figure of an unknown metric or release) cannot be written.
 * Releases live side by side: a later release may restate an earlier year, and every value stays.
 */

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const releases = sqliteTable(
  'releases',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    nameNl: text('name_nl'),
    nameEn: text('name_en'),
    language: text('language').notNull(),
    publisherNl: text('publisher_nl').notNull(),
    publisherEn: text('publisher_en').notNull(),
    url: text('url'),
    kind: text('kind').notNull(),
    /** The day of publication where known; otherwise null and `publishedKnown` holds the year or month. */
    publishedDate: text('published_date'),
    publishedKnown: text('published_known').notNull(),
    publishedBasis: text('published_basis').notNull(),
    citationNl: text('citation_nl'),
    citationEn: text('citation_en'),
    noteNl: text('note_nl'),
    noteEn: text('note_en'),
  },
  (t) => [
    check('releases_kind', sql`${t.kind} in (${inList(RELEASE_KINDS)})`),
    check('releases_language', sql`${t.language} in (${inList(LANGUAGES)})`),
    check('releases_basis', sql`${t.publishedBasis} in (${inList(DATE_BASES)})`),
    check('releases_date', sql`${t.publishedDate} is null or ${t.publishedDate} = ${t.publishedKnown}`),
  ],
);

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
    labelNl: text('label_nl'),
    labelEn: text('label_en'),
    definitionNl: text('definition_nl'),
    definitionEn: text('definition_en'),
    cumulative: integer('cumulative', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tableId, t.id] }),
    check('metrics_unit', sql`${t.unit} in (${inList(UNITS)})`),
    check('metrics_rounded_to', sql`${t.roundedTo} > 0`),
  ],
);

export const observations = sqliteTable(
  'observations',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => releases.id),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    procedure: text('procedure').notNull(),
    year: integer('year').notNull(),
    value: real('value').notNull(),
    revisedValue: real('revised_value'),
    inText: integer('in_text', { mode: 'boolean' }).notNull(),
    labelNl: text('label_nl').notNull(),
    labelEn: text('label_en').notNull(),
    section: text('section').notNull(),
    printedRow: text('printed_row').notNull(),
    precision: text('precision').notNull(),
    /** The rounding step of a rounded value, in the metric's unit. */
    step: real('step'),
    qualifier: text('qualifier'),
    noteNl: text('note_nl'),
    noteEn: text('note_en'),
    /** The year the release printed, where it differs from the year the figure belongs to. */
    printedYear: integer('printed_year'),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.tableId, t.metricId, t.procedure, t.year] }),
    foreignKey({ columns: [t.tableId, t.metricId], foreignColumns: [metrics.tableId, metrics.id] }),
    check('observations_procedure', sql`${t.procedure} in (${inList(PROCEDURES)})`),
    check('observations_precision', sql`${t.precision} in (${inList(PRECISIONS)})`),
    check('observations_step', sql`(${t.precision} = 'rounded') = (${t.step} is not null and ${t.step} > 0)`),
    check('observations_qualifier', sql`(${t.precision} = 'approximate') = (${t.qualifier} is not null and ${t.qualifier} in (${inList(QUALIFIERS)}))`),
    check('observations_year', sql`${t.year} between 1900 and 2999`),
  ],
);

export const footnotes = sqliteTable(
  'footnotes',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => releases.id),
    id: text('id').notNull(),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    marker: text('marker').notNull(),
    textNl: text('text_nl').notNull(),
    textEn: text('text_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.id] }),
    foreignKey({ columns: [t.tableId, t.metricId], foreignColumns: [metrics.tableId, metrics.id] }),
  ],
);

/** Which footnotes a figure carries; both ends must exist in the same report. */
export const observationFootnotes = sqliteTable(
  'observation_footnotes',
  {
    releaseId: text('release_id').notNull(),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    procedure: text('procedure').notNull(),
    year: integer('year').notNull(),
    footnoteId: text('footnote_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.tableId, t.metricId, t.procedure, t.year, t.footnoteId] }),
    foreignKey({
      columns: [t.releaseId, t.tableId, t.metricId, t.procedure, t.year],
      foreignColumns: [
        observations.releaseId,
        observations.tableId,
        observations.metricId,
        observations.procedure,
        observations.year,
      ],
    }),
    foreignKey({ columns: [t.releaseId, t.footnoteId], foreignColumns: [footnotes.releaseId, footnotes.id] }),
  ],
);

export const rankings = sqliteTable(
  'rankings',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => releases.id),
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
    /** False where the release lists the nationalities without saying they are in rank order. */
    ordered: integer('ordered', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.tableId, t.year, t.rank] }),
    unique('rankings_country_once').on(t.releaseId, t.tableId, t.year, t.country),
    check('rankings_rank', sql`${t.rank} >= 1`),
    check('rankings_country', sql`length(${t.country}) = 2 and ${t.country} = upper(${t.country})`),
  ],
);

/** Shares a report states in its text ("circa 62 %"), kept so that checks can test them. */
export const statedShares = sqliteTable(
  'stated_shares',
  {
    releaseId: text('release_id')
      .notNull()
      .references(() => releases.id),
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
    primaryKey({ columns: [t.releaseId, t.id] }),
    foreignKey({ columns: [t.tableId, t.partMetricId], foreignColumns: [metrics.tableId, metrics.id] }),
    foreignKey({ columns: [t.tableId, t.wholeMetricId], foreignColumns: [metrics.tableId, metrics.id] }),
  ],
);

/**
 * Identities the figures should satisfy (seed/checks). They name metrics by id without foreign
 * keys: a store seeded with only some releases keeps them, and a check whose figures are absent
 * is simply not computed.
 */
export const sumIdentities = sqliteTable('sum_identities', {
  id: text('id').primaryKey(),
  descriptionNl: text('description_nl').notNull(),
  descriptionEn: text('description_en').notNull(),
  tableId: text('table_id').notNull(),
  metricId: text('metric_id').notNull(),
  procedure: text('procedure').notNull(),
});

export const sumIdentityParts = sqliteTable(
  'sum_identity_parts',
  {
    identityId: text('identity_id')
      .notNull()
      .references(() => sumIdentities.id),
    position: integer('position').notNull(),
    tableId: text('table_id').notNull(),
    metricId: text('metric_id').notNull(),
    procedure: text('procedure').notNull(),
    sign: integer('sign').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.identityId, t.position] }),
    check('sum_identity_parts_sign', sql`${t.sign} in (1, -1)`),
  ],
);

export const weightedRates = sqliteTable(
  'weighted_rates',
  {
    rateMetricId: text('rate_metric_id').notNull(),
    weightMetricId: text('weight_metric_id').notNull(),
    descriptionNl: text('description_nl').notNull(),
    descriptionEn: text('description_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.rateMetricId, t.weightMetricId] })],
);
