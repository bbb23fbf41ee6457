import { z } from 'zod';
import { PROCEDURES } from '../../domain.js';
import {
  CountSchema, IdSchema, int32, LabelSchema, listOf, LocalizedSchema, ProcedureSchema, TextSchema, UnitSchema, UrlSchema, YEARS_MAX, YearSchema,
} from './common.js';
import { DeltaSchema, ObservationSchema } from './figures.js';
import { PrecisionSchema } from './releases.js';
import { CHECK_KINDS } from '../../data/types.js';

/** Years a table covers: at most one per year the seed files allow. */
const YearsSchema = listOf(YearSchema, YEARS_MAX);
const ProceduresSchema = listOf(ProcedureSchema, PROCEDURES.length);

export const MetricSchema = z
  .object({
    id: IdSchema,
    unit: UnitSchema,
    label: LocalizedSchema,
    decimals: int32(0, 20).describe('Decimals the figures of this metric are printed with'),
    roundedTo: z.number().describe('The step the report rounds this metric to'),
    procedures: ProceduresSchema,
    definition: LocalizedSchema.nullable().describe('What exactly is counted, where two metrics could be mistaken for each other'),
    cumulative: z.boolean().describe('True where a figure counts from a fixed start up to the end of its year, not within the year'),
    years: YearsSchema.describe('The years with a figure'),
  })
  .meta({ id: 'Metric' });

export const TableFootnoteSchema = z
  .object({ id: IdSchema, marker: LabelSchema, metric: IdSchema, nl: TextSchema, en: TextSchema })
  .meta({ id: 'Footnote' });

export const RankingSchema = z
  .object({
    table: IdSchema,
    year: YearSchema,
    rank: int32(1),
    country: z.string().length(2).describe('ISO 3166-1 alpha-2 code'),
    label: LocalizedSchema.describe('The nationality as the report names it'),
    basis: LocalizedSchema.describe('What the ranking counts'),
    ordered: z.boolean().describe('False where the release lists the nationalities without saying they are in rank order'),
    release: IdSchema,
    report: IdSchema.describe('The same id, under the name of the first version of the API'),
  })
  .meta({ id: 'Ranking' });

const TableLinksSchema = z.object({
  self: UrlSchema,
  figures: UrlSchema,
  deltas: UrlSchema,
  breakdown: UrlSchema,
  csv: UrlSchema,
  csvMetadata: UrlSchema.describe('CSVW metadata of the CSV'),
  jsonStat: UrlSchema,
});

export const TableSummarySchema = z
  .object({
    id: IdSchema,
    heading: LabelSchema.describe('The heading as printed in the report'),
    title: LocalizedSchema,
    description: LocalizedSchema,
    years: YearsSchema,
    procedures: ProceduresSchema,
    metrics: listOf(IdSchema),
    hasBreakdown: z.boolean(),
    figureCount: CountSchema,
    links: TableLinksSchema,
  })
  .meta({ id: 'TableSummary' });

export const TableListSchema = z.object({ data: listOf(TableSummarySchema) }).meta({ id: 'TableList' });

export const TableDetailSchema = z
  .object({
    id: IdSchema,
    heading: LabelSchema,
    title: LocalizedSchema,
    description: LocalizedSchema,
    years: YearsSchema,
    procedures: ProceduresSchema,
    hasBreakdown: z.boolean(),
    metrics: listOf(MetricSchema),
    figures: listOf(ObservationSchema),
    deltas: listOf(DeltaSchema).describe('Derived year-over-year changes, not official figures'),
    footnotes: listOf(TableFootnoteSchema),
    nationalities: listOf(RankingSchema),
    notes: z.object({ deltas: LocalizedSchema }),
    source: z.object({ report: IdSchema, citation: LocalizedSchema }),
    license: UrlSchema,
    links: TableLinksSchema,
  })
  .meta({ id: 'Table' });

export const CheckSchema = z
  .object({
    id: IdSchema,
    table: IdSchema,
    year: YearSchema,
    kind: z.enum(CHECK_KINDS),
    metric: IdSchema,
    unit: UnitSchema,
    description: LocalizedSchema,
    expected: z.number().describe('What the identity predicts from the other figures'),
    actual: z.number().describe('The figure the report prints'),
    difference: z.number().describe('actual − expected'),
    tolerance: z.number().describe('The largest difference the report\'s rounding can explain'),
    holds: z.boolean(),
    status: z.enum(['holds', 'fails']),
    inputs: listOf(z.object({
      table: IdSchema,
      metric: IdSchema,
      procedure: ProcedureSchema,
      year: YearSchema,
      value: z.number(),
      release: IdSchema,
      precision: PrecisionSchema,
      step: z.number().nullable(),
    })),
  })
  .meta({ id: 'Check' });

export const ChecksSchema = z
  .object({
    data: listOf(CheckSchema),
    meta: z.object({ total: CountSchema, holding: CountSchema, failing: CountSchema }),
  })
  .meta({ id: 'CheckList' });

export const BreakdownRowSchema = z
  .object({
    metric: IdSchema,
    year: YearSchema,
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
    table: IdSchema,
    hasBreakdown: z.boolean(),
    procedures: ProceduresSchema,
    data: listOf(BreakdownRowSchema),
  })
  .meta({ id: 'Breakdown' });

export const NationalitiesSchema = z.object({ data: listOf(RankingSchema) }).meta({ id: 'RankingList' });
