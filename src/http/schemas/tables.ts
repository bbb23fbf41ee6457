import { z } from 'zod';
import { LocalizedSchema, ProcedureSchema, UnitSchema } from './common.js';
import { DeltaSchema, ObservationSchema } from './figures.js';
import { PrecisionSchema } from './releases.js';
import { CHECK_KINDS } from '../../data/types.js';

export const MetricSchema = z
  .object({
    id: z.string(),
    unit: UnitSchema,
    label: LocalizedSchema,
    decimals: z.int().describe('Decimals the figures of this metric are printed with'),
    roundedTo: z.number().describe('The step the report rounds this metric to'),
    procedures: z.array(ProcedureSchema),
    definition: LocalizedSchema.nullable().describe('What exactly is counted, where two metrics could be mistaken for each other'),
    cumulative: z.boolean().describe('True where a figure counts from a fixed start up to the end of its year, not within the year'),
    years: z.array(z.int()).describe('The years with a figure'),
  })
  .meta({ id: 'Metric' });

export const TableFootnoteSchema = z
  .object({ id: z.string(), marker: z.string(), metric: z.string(), nl: z.string(), en: z.string() })
  .meta({ id: 'Footnote' });

export const RankingSchema = z
  .object({
    table: z.string(),
    year: z.int(),
    rank: z.int(),
    country: z.string().describe('ISO 3166-1 alpha-2 code'),
    label: LocalizedSchema.describe('The nationality as the report names it'),
    basis: LocalizedSchema.describe('What the ranking counts'),
    ordered: z.boolean().describe('False where the release lists the nationalities without saying they are in rank order'),
    release: z.string(),
    report: z.string().describe('The same id, under the name of the first version of the API'),
  })
  .meta({
    id: 'Ranking',
  });

const TableLinksSchema = z.object({
  self: z.string(),
  figures: z.string(),
  deltas: z.string(),
  breakdown: z.string(),
  csv: z.string(),
  csvMetadata: z.string().describe('CSVW metadata of the CSV'),
  jsonStat: z.string(),
});

export const TableSummarySchema = z
  .object({
    id: z.string(),
    heading: z.string().describe('The heading as printed in the report'),
    title: LocalizedSchema,
    description: LocalizedSchema,
    years: z.array(z.int()),
    procedures: z.array(ProcedureSchema),
    metrics: z.array(z.string()),
    hasBreakdown: z.boolean(),
    figureCount: z.int(),
    links: TableLinksSchema,
  })
  .meta({ id: 'TableSummary' });

export const TableListSchema = z.object({ data: z.array(TableSummarySchema) }).meta({ id: 'TableList' });

export const TableDetailSchema = z
  .object({
    id: z.string(),
    heading: z.string(),
    title: LocalizedSchema,
    description: LocalizedSchema,
    years: z.array(z.int()),
    procedures: z.array(ProcedureSchema),
    hasBreakdown: z.boolean(),
    metrics: z.array(MetricSchema),
    figures: z.array(ObservationSchema),
    deltas: z.array(DeltaSchema).describe('Derived year-over-year changes, not official figures'),
    footnotes: z.array(TableFootnoteSchema),
    nationalities: z.array(RankingSchema),
    notes: z.object({ deltas: LocalizedSchema }),
    source: z.object({ report: z.string(), citation: LocalizedSchema }),
    license: z.string(),
    links: TableLinksSchema,
  })
  .meta({ id: 'Table' });

export const CheckSchema = z
  .object({
    id: z.string(),
    table: z.string(),
    year: z.int(),
    kind: z.enum(CHECK_KINDS),
    metric: z.string(),
    unit: UnitSchema,
    description: LocalizedSchema,
    expected: z.number().describe('What the identity predicts from the other figures'),
    actual: z.number().describe('The figure the report prints'),
    difference: z.number().describe('actual − expected'),
    tolerance: z.number().describe('The largest difference the report\'s rounding can explain'),
    holds: z.boolean(),
    status: z.enum(['holds', 'fails']),
    inputs: z.array(z.object({
      table: z.string(),
      metric: z.string(),
      procedure: ProcedureSchema,
      year: z.int(),
      value: z.number(),
      release: z.string(),
      precision: PrecisionSchema,
      step: z.number().nullable(),
    })),
  })
  .meta({ id: 'Check' });

export const ChecksSchema = z
  .object({
    data: z.array(CheckSchema),
    meta: z.object({ total: z.int(), holding: z.int(), failing: z.int() }),
  })
  .meta({ id: 'CheckList' });

export const BreakdownRowSchema = z
  .object({
    metric: z.string(),
    year: z.int(),
    unit: UnitSchema,
    label: LocalizedSchema,
    total: z.number().nullable(),
    tev: z.number().nullable(),
    vvr: z.number().nullable(),
    agrees: z.boolean().nullable().describe('Whether the total agrees with TEV and VVR within the report\'s rounding; null where a part is missing'),
    check: CheckSchema.nullable(),
  })
  .meta({ id: 'BreakdownRow' });

export const BreakdownSchema = z
  .object({
    table: z.string(),
    hasBreakdown: z.boolean(),
    procedures: z.array(ProcedureSchema),
    data: z.array(BreakdownRowSchema),
  })
  .meta({ id: 'Breakdown' });

export const NationalitiesSchema = z.object({ data: z.array(RankingSchema) }).meta({ id: 'RankingList' });
