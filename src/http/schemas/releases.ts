import { z } from 'zod';
import { DATE_BASES, LANGUAGES, PRECISIONS, QUALIFIERS, RELEASE_KINDS } from '../../domain.js';
import { LocalizedSchema, ProcedureSchema, UnitSchema } from './common.js';

export const PrecisionSchema = z.enum(PRECISIONS).meta({
  id: 'Precision',
  description: '`exact` as counted; `rounded` to `step` (in the unit); `approximate` with a `qualifier` ("just over", "about", "almost").',
});

export const QualifierSchema = z.enum(QUALIFIERS).meta({ id: 'Qualifier', description: 'How an approximate value is put: just over, about or almost.' });

/** The fields that say how exact a value is; shared by figures, vintages and series points. */
export const precisionFields = {
  precision: PrecisionSchema,
  step: z.number().nullable().describe('The rounding step of a rounded value, in the unit; null otherwise'),
  qualifier: QualifierSchema.nullable().describe('How an approximate value is put; null otherwise'),
};

export const HistoryEntrySchema = z
  .object({
    release: z.string().describe('Id of the release (see /v1/releases)'),
    value: z.number(),
    ...precisionFields,
    note: LocalizedSchema.nullable().describe('What a reader of this value should know, such as a corrected year label'),
    printedYear: z.int().nullable().describe('The year the release printed, where it differs from the figure\'s year'),
    revision: z.boolean().describe('True for a closer count a release gives beside its printed value (a footnote\'s correction)'),
  })
  .meta({ id: 'Vintage', description: 'One release\'s value of a figure.' });

export const ReleaseSchema = z
  .object({
    id: z.string(),
    title: z.string().describe('The title as published, in `language`'),
    name: LocalizedSchema,
    language: z.enum(LANGUAGES),
    publisher: LocalizedSchema,
    url: z.string().nullable().describe('Where the release is published'),
    kind: z.enum(RELEASE_KINDS),
    published: z.object({
      date: z.string().nullable().describe('The day of publication, YYYY-MM-DD; null where it is not known'),
      known: z.string().describe('What is known of the date: a day, a month (YYYY-MM) or a year (YYYY)'),
      basis: z.enum(DATE_BASES).describe('`shown` on the release, its `last-update`, `reported` elsewhere, or `partial` where only a month or year is known'),
    }),
    citation: LocalizedSchema,
    note: LocalizedSchema.nullable(),
    figureCount: z.int().describe('How many figures this release gives'),
    links: z.object({ self: z.string(), figures: z.string().describe('The figures as of this release') }),
  })
  .meta({ id: 'Release', description: 'A publication of the IND or the Dutch government that gives figures of this dataset.' });

export const ReleaseListSchema = z
  .object({ data: z.array(ReleaseSchema), meta: z.object({ total: z.int(), lastModified: z.string().nullable() }) })
  .meta({ id: 'ReleaseList' });

export const PublishedFigureSchema = z
  .object({
    table: z.string(),
    metric: z.string(),
    procedure: ProcedureSchema,
    year: z.int(),
    unit: UnitSchema,
    label: LocalizedSchema,
    vintage: HistoryEntrySchema,
    current: z.boolean().describe('True where this release\'s value is the one served today'),
  })
  .meta({ id: 'PublishedFigure' });

export const ReleaseDetailSchema = ReleaseSchema.extend({ figures: z.array(PublishedFigureSchema) }).meta({ id: 'ReleaseDetail' });

export const SeriesPointSchema = z
  .object({
    year: z.int(),
    value: z.number(),
    ...precisionFields,
    release: z.string().describe('The release the value comes from'),
    approximate: z.boolean(),
    revisedValue: z.number().nullable(),
    vintages: z.array(HistoryEntrySchema).describe('Every release\'s value for this year, oldest first'),
    disagree: z.boolean().describe('True where the releases give different values for this year'),
  })
  .meta({ id: 'SeriesPoint' });

export const SeriesSchema = z
  .object({
    table: z.string(),
    metric: z.string(),
    procedure: ProcedureSchema,
    unit: UnitSchema,
    label: LocalizedSchema,
    points: z.array(SeriesPointSchema),
  })
  .meta({ id: 'Series', description: 'One table, metric and procedure over the years, each point with its vintages.' });

export const SeriesListSchema = z
  .object({ data: z.array(SeriesSchema), meta: z.object({ total: z.int(), license: z.string(), source: z.string() }) })
  .meta({ id: 'SeriesList' });
