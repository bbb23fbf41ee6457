import { z } from 'zod';
import {
  BOUNDS, CountSchema, IdSchema, int32, LabelSchema, LIMIT_RANGE, listOf, LocalizedSchema, OFFSET_RANGE, ProcedureSchema, TextSchema,
  UnitSchema, UrlSchema, YearSchema,
} from './common.js';

export const FootnoteRefSchema = z
  .object({ id: IdSchema, nl: TextSchema, en: TextSchema })
  .meta({ id: 'FootnoteText', description: 'A footnote to a figure, in our own words in Dutch and English.' });

export const ObservationSchema = z
  .object({
    table: IdSchema,
    metric: IdSchema,
    procedure: ProcedureSchema,
    year: YearSchema,
    value: z.number().describe('The figure as printed in the report'),
    unit: UnitSchema,
    label: LocalizedSchema.describe('`nl` is the report\'s own row label'),
    approximate: z.boolean().describe('True where the report says "ca." or "circa"'),
    revisedValue: z.number().nullable().describe('A correction the report itself gives; null elsewhere'),
    footnotes: listOf(FootnoteRefSchema),
    source: z.object({
      report: IdSchema.describe('Id of the report the value is taken from'),
      section: LabelSchema.describe('Where in the report the figure stands'),
      row: LabelSchema.describe('The row as printed, footnote markers and TEV/VVR split included'),
      inText: z.boolean().describe('True for figures from running text rather than a table'),
    }),
    history: listOf(z.object({ report: IdSchema, value: z.number() }))
      .describe('Every report\'s value for this figure, oldest first; more than one entry means a later report restated it'),
  })
  .meta({ id: 'Observation', description: 'One figure of the report.' });

export const DeltaSchema = z
  .object({
    table: IdSchema,
    metric: IdSchema,
    procedure: ProcedureSchema,
    unit: UnitSchema,
    label: LocalizedSchema,
    from: YearSchema,
    to: YearSchema,
    fromValue: z.number(),
    toValue: z.number(),
    change: z.number().describe('toValue − fromValue in the metric\'s unit; percentage points for rates'),
    changePercent: z
      .number()
      .nullable()
      .describe('change / fromValue × 100, one decimal, half away from zero; null for rates and where fromValue is 0'),
  })
  .meta({
    id: 'Delta',
    description: 'A year-over-year change. Derived by this service, not an official figure of the report.',
  });

export const PageMetaSchema = z
  .object({
    total: CountSchema.describe('Number of matches, all pages together'),
    count: int32(0, LIMIT_RANGE.max).describe('Number of items in this page'),
    limit: int32(LIMIT_RANGE.min, LIMIT_RANGE.max),
    offset: int32(OFFSET_RANGE.min, OFFSET_RANGE.max),
    // The request target with its query re-encoded, where percent-encoding may triple a character.
    next: z.string().max(3 * BOUNDS.target + 64).nullable().describe('Path of the next page, null on the last'),
    license: UrlSchema,
    source: TextSchema,
    derived: z.boolean().optional(),
  })
  .meta({ id: 'PageMeta' });

export const FiguresPageSchema = z
  .object({ data: listOf(ObservationSchema, LIMIT_RANGE.max), meta: PageMetaSchema })
  .meta({ id: 'FiguresPage' });

export const DeltasPageSchema = z
  .object({ data: listOf(DeltaSchema, LIMIT_RANGE.max), meta: PageMetaSchema })
  .meta({ id: 'DeltasPage' });
