import { z } from 'zod';
import { LANGUAGES } from '../../domain.js';
import { IdSchema, int32, LabelSchema, listOf, TextSchema, UrlSchema, YEARS_MAX } from './common.js';

/** An ISO 8601 date or date-time. */
const DateSchema = z.string().max(32);
/** A column per field and, at most, one per year the seed files allow. */
const COLUMNS_MAX = 100 + YEARS_MAX;

const JsonStatLinkSchema = z.object({
  type: LabelSchema.optional(),
  href: UrlSchema,
  label: LabelSchema.optional(),
  class: z.enum(['dataset', 'collection']).optional(),
});

export const JsonStatDatasetSchema = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('dataset'),
    href: UrlSchema,
    label: LabelSchema,
    source: TextSchema.describe('The report and how to cite it, with the licence'),
    updated: DateSchema,
    id: listOf(IdSchema, 3).describe('Dimension order of `value`: metric, procedure, year'),
    size: listOf(int32(0), 3),
    role: z.object({ time: listOf(IdSchema, 1), metric: listOf(IdSchema, 1) }),
    dimension: z.record(
      IdSchema,
      z.object({
        label: LabelSchema,
        category: z.object({
          index: listOf(IdSchema),
          label: z.record(IdSchema, TextSchema),
          note: z.record(IdSchema, listOf(TextSchema)).optional().describe('Footnotes per category'),
          unit: z
            .record(IdSchema, z.object({ label: LabelSchema, decimals: int32(0, 20), symbol: LabelSchema.optional(), position: z.enum(['start', 'end']).optional() }))
            .optional(),
        }),
      }),
    ),
    value: listOf(z.number().nullable()).describe('Row-major over `id`; null where the report gives no figure (never 0)'),
    status: z.record(IdSchema, LabelSchema).describe('By value index: `a` approximate ("circa"), `r` revised by the report itself'),
    note: listOf(TextSchema),
    link: z.record(IdSchema, listOf(JsonStatLinkSchema)),
    extension: z.record(IdSchema, z.unknown()).describe('Table and report ids, citation, licence, status labels, revised values by index'),
  })
  .meta({ id: 'JsonStatDataset', description: 'One table as a JSON-stat 2.0 dataset (https://json-stat.org/format/).' });

export const JsonStatCollectionSchema = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('collection'),
    href: UrlSchema,
    label: LabelSchema,
    source: TextSchema,
    updated: DateSchema,
    note: listOf(TextSchema),
    link: z.object({ item: listOf(JsonStatLinkSchema) }),
    extension: z.record(IdSchema, z.unknown()),
  })
  .meta({ id: 'JsonStatCollection', description: 'A JSON-stat 2.0 collection linking the JSON-stat dataset of every table.' });

export const CatalogJsonLdSchema = z
  .object({
    '@context': z.record(IdSchema, UrlSchema),
    '@graph': listOf(z.record(IdSchema, z.unknown())),
  })
  .meta({
    id: 'DcatCatalog',
    description: 'DCAT-AP 3.0.1 / DCAT-AP-NL 3.0 catalog as JSON-LD with an inline context: a dcat:Catalog, a dcat:Dataset per table with its distributions, and the API as a dcat:DataService.',
  });

export const CsvwMetadataSchema = z
  .object({
    // Closed by a rest of nothing: the same tuple, spelt with an `items` schema that OpenAPI tools expect.
    '@context': z.tuple([z.literal('http://www.w3.org/ns/csvw'), z.object({ '@language': z.enum(LANGUAGES) })], z.never()).meta({ maxItems: 2 }),
    url: UrlSchema.describe('The CSV this metadata describes'),
    'dc:title': LabelSchema,
    'dc:description': TextSchema,
    'dc:publisher': LabelSchema,
    'dc:license': z.object({ '@id': UrlSchema }),
    'dc:source': TextSchema,
    'dc:modified': z.object({ '@value': DateSchema, '@type': IdSchema }),
    dialect: z.record(IdSchema, z.unknown()),
    tableSchema: z.object({
      columns: listOf(
        z.object({
          name: IdSchema,
          titles: LabelSchema,
          'dc:description': TextSchema,
          datatype: IdSchema,
          required: z.boolean(),
          null: LabelSchema,
        }),
        COLUMNS_MAX,
      ),
      primaryKey: listOf(IdSchema, COLUMNS_MAX),
    }),
  })
  .meta({ id: 'CsvwMetadata', description: 'W3C CSV on the Web (CSVW) metadata describing a CSV: dialect, columns and datatypes, licence and source.' });

export const CsvSchema = z.string().describe('RFC 4180 CSV in UTF-8 with a header row of column names; codes first, then their labels in `lang`');

