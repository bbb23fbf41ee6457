import { z } from 'zod';
import {
  BOUNDS, CountSchema, IdSchema, int32, LabelSchema, LIMIT_RANGE, listOf, LocalizedSchema, OFFSET_RANGE, ProcedureSchema, TextSchema,
  UnitSchema, UrlSchema, YearSchema,
} from './common.js';
import { HistoryEntrySchema, PrecisionSchema, precisionFields } from './releases.js';

export const FootnoteRefSchema = z
  .object({ id: IdSchema, nl: TextSchema, en: TextSchema })
  .meta({ id: 'FootnoteText', description: 'A footnote to a figure, in our own words in Dutch and English.' });

export const ObservationSchema = z
  .object({
    table: IdSchema,
    metric: IdSchema,
    procedure: ProcedureSchema,
    year: YearSchema,
    value: z.number().describe('The current value: the latest release\'s, or an earlier exact value that it rounds'),
    unit: UnitSchema,
    label: LocalizedSchema.describe('`nl` is the report\'s own row label'),
    approximate: z.boolean().describe('True where the release says "ca.", "circa", "ruim" or "bijna"'),
    ...precisionFields,
    note: LocalizedSchema.nullable().describe('What a reader of the value should know'),
    revisedValue: z.number().nullable().describe('A correction the report itself gives; null elsewhere'),
    footnotes: listOf(FootnoteRefSchema),
    source: z.object({
      release: IdSchema.describe('Id of the release the value is taken from'),
      report: IdSchema.describe('The same id, under the name of the first version of the API'),
      url: UrlSchema.nullable().describe('Where that release is published'),
      section: LabelSchema.describe('Where in the report the figure stands'),
      row: LabelSchema.describe('The row as printed, footnote markers and TEV/VVR split included'),
      inText: z.boolean().describe('True for figures from running text rather than a table'),
    }),
    history: listOf(HistoryEntrySchema)
      .describe('Every release\'s value for this figure, oldest first; more than one entry means a later release restated it'),
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
    precision: PrecisionSchema.describe('The coarser of the two values\' precisions'),
    step: z.number().nullable().describe('The larger rounding step of the two values, where rounded'),
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
