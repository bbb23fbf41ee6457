import { z } from 'zod';
import { LocalizedSchema, ProcedureSchema, UnitSchema } from './common.js';
import { HistoryEntrySchema, PrecisionSchema, precisionFields } from './releases.js';

export const FootnoteRefSchema = z
  .object({ id: z.string(), nl: z.string(), en: z.string() })
  .meta({ id: 'FootnoteText', description: 'A footnote to a figure, in our own words in Dutch and English.' });

export const ObservationSchema = z
  .object({
    table: z.string(),
    metric: z.string(),
    procedure: ProcedureSchema,
    year: z.int(),
    value: z.number().describe('The current value: the latest release\'s, or an earlier exact value that it rounds'),
    unit: UnitSchema,
    label: LocalizedSchema.describe('`nl` is the report\'s own row label'),
    approximate: z.boolean().describe('True where the release says "ca.", "circa", "ruim" or "bijna"'),
    ...precisionFields,
    note: LocalizedSchema.nullable().describe('What a reader of the value should know'),
    revisedValue: z.number().nullable().describe('A correction the report itself gives; null elsewhere'),
    footnotes: z.array(FootnoteRefSchema),
    source: z.object({
      release: z.string().describe('Id of the release the value is taken from'),
      report: z.string().describe('The same id, under the name of the first version of the API'),
      url: z.string().nullable().describe('Where that release is published'),
      section: z.string().describe('Where in the report the figure stands'),
      row: z.string().describe('The row as printed, footnote markers and TEV/VVR split included'),
      inText: z.boolean().describe('True for figures from running text rather than a table'),
    }),
    history: z
      .array(HistoryEntrySchema)
      .describe('Every release\'s value for this figure, oldest first; more than one entry means a later release restated it'),
  })
  .meta({
    id: 'Observation',
    description: 'One figure of the report.',
  });

export const DeltaSchema = z
  .object({
    table: z.string(),
    metric: z.string(),
    procedure: ProcedureSchema,
    unit: UnitSchema,
    label: LocalizedSchema,
    from: z.int(),
    to: z.int(),
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
    total: z.int().describe('Number of matches, all pages together'),
    count: z.int().describe('Number of items in this page'),
    limit: z.int(),
    offset: z.int(),
    next: z.string().nullable().describe('Path of the next page, null on the last'),
    license: z.string(),
    source: z.string(),
    derived: z.boolean().optional(),
  })
  .meta({ id: 'PageMeta' });

export const FiguresPageSchema = z
  .object({ data: z.array(ObservationSchema), meta: PageMetaSchema })
  .meta({ id: 'FiguresPage' });

export const DeltasPageSchema = z
  .object({ data: z.array(DeltaSchema), meta: PageMetaSchema })
  .meta({ id: 'DeltasPage' });
