import { z } from 'zod';
import { LocalizedSchema, ProcedureSchema, UnitSchema } from './common.js';

export const FootnoteRefSchema = z
  .object({ id: z.string(), nl: z.string(), en: z.string() })
  .meta({ id: 'FootnoteText', description: 'A footnote to a figure, in our own words in Dutch and English.' });

export const ObservationSchema = z
  .object({
    table: z.string(),
    metric: z.string(),
    procedure: ProcedureSchema,
    year: z.int(),
    value: z.number().describe('The figure as printed in the report'),
    unit: UnitSchema,
    label: LocalizedSchema.describe('`nl` is the report\'s own row label'),
    approximate: z.boolean().describe('True where the report says "ca." or "circa"'),
    revisedValue: z.number().nullable().describe('A correction the report itself gives; null elsewhere'),
    footnotes: z.array(FootnoteRefSchema),
    source: z.object({
      report: z.string().describe('Id of the report the value is taken from'),
      section: z.string().describe('Where in the report the figure stands'),
      row: z.string().describe('The row as printed, footnote markers and TEV/VVR split included'),
      inText: z.boolean().describe('True for figures from running text rather than a table'),
    }),
    history: z
      .array(z.object({ report: z.string(), value: z.number() }))
      .describe('Every report\'s value for this figure, oldest first; more than one entry means a later report restated it'),
  })
  .meta({
    id: 'Observation',
    description: 'One figure of the report.',
    example: {
      table: 'asylum', metric: 'first-applications', procedure: 'total', year: 2016, value: 18170, unit: 'count',
      label: { nl: 'Eerste aanvragen asiel', en: 'First asylum applications' }, approximate: false, revisedValue: 18250,
      footnotes: [{ id: 'asylum-first-applications', nl: '…', en: '…' }],
      source: { report: 'ind-2016', section: 'De cijfers', row: 'Eerste aanvragen asiel*', inText: false },
      history: [{ report: 'ind-2016', value: 18170 }],
    },
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
  })
  .meta({
    id: 'Delta',
    description: 'A year-over-year change. Derived by this service, not an official figure of the report.',
    example: {
      table: 'asylum', metric: 'first-applications', procedure: 'total', unit: 'count',
      label: { nl: 'Eerste aanvragen asiel', en: 'First asylum applications' },
      from: 2015, to: 2016, fromValue: 43090, toValue: 18170, change: -24920, changePercent: -57.8,
    },
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
