import { z } from 'zod';

const JsonStatLinkSchema = z.object({
  type: z.string().optional(),
  href: z.string(),
  label: z.string().optional(),
  class: z.enum(['dataset', 'collection']).optional(),
});

export const JsonStatDatasetSchema = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('dataset'),
    href: z.string(),
    label: z.string(),
    source: z.string().describe('The report and how to cite it, with the licence'),
    updated: z.string(),
    id: z.array(z.string()).describe('Dimension order of `value`: metric, procedure, year'),
    size: z.array(z.int()),
    role: z.object({ time: z.array(z.string()), metric: z.array(z.string()) }),
    dimension: z.record(
      z.string(),
      z.object({
        label: z.string(),
        category: z.object({
          index: z.array(z.string()),
          label: z.record(z.string(), z.string()),
          note: z.record(z.string(), z.array(z.string())).optional().describe('Footnotes per category'),
          unit: z
            .record(z.string(), z.object({ label: z.string(), decimals: z.int(), symbol: z.string().optional(), position: z.enum(['start', 'end']).optional() }))
            .optional(),
        }),
      }),
    ),
    value: z.array(z.number().nullable()).describe('Row-major over `id`; null where the report gives no figure (never 0)'),
    status: z.record(z.string(), z.string()).describe('By value index: `a` approximate ("circa"), `r` revised by the report itself'),
    note: z.array(z.string()),
    link: z.record(z.string(), z.array(JsonStatLinkSchema)),
    extension: z.record(z.string(), z.unknown()).describe('Table and report ids, citation, licence, status labels, revised values by index'),
  })
  .meta({ id: 'JsonStatDataset', description: 'One table as a JSON-stat 2.0 dataset (https://json-stat.org/format/).' });

export const JsonStatCollectionSchema = z
  .object({
    version: z.literal('2.0'),
    class: z.literal('collection'),
    href: z.string(),
    label: z.string(),
    source: z.string(),
    updated: z.string(),
    note: z.array(z.string()),
    link: z.object({ item: z.array(JsonStatLinkSchema) }),
    extension: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'JsonStatCollection', description: 'A JSON-stat 2.0 collection linking the JSON-stat dataset of every table.' });

export const CatalogJsonLdSchema = z
  .object({
    '@context': z.record(z.string(), z.string()),
    '@graph': z.array(z.record(z.string(), z.unknown())),
  })
  .meta({
    id: 'DcatCatalog',
    description: 'DCAT-AP 3.0.1 / DCAT-AP-NL 3.0 catalog as JSON-LD with an inline context: a dcat:Catalog, a dcat:Dataset per table with its distributions, and the API as a dcat:DataService.',
  });

export const CsvwMetadataSchema = z
  .object({
    '@context': z.tuple([z.literal('http://www.w3.org/ns/csvw'), z.object({ '@language': z.string() })]),
    url: z.string().describe('The CSV this metadata describes'),
    'dc:title': z.string(),
    'dc:description': z.string(),
    'dc:publisher': z.string(),
    'dc:license': z.object({ '@id': z.string() }),
    'dc:source': z.string(),
    'dc:modified': z.object({ '@value': z.string(), '@type': z.string() }),
    dialect: z.record(z.string(), z.unknown()),
    tableSchema: z.object({
      columns: z.array(
        z.object({
          name: z.string(),
          titles: z.string(),
          'dc:description': z.string(),
          datatype: z.string(),
          required: z.boolean(),
          null: z.string(),
        }),
      ),
      primaryKey: z.array(z.string()),
    }),
  })
  .meta({ id: 'CsvwMetadata', description: 'W3C CSV on the Web (CSVW) metadata describing a CSV: dialect, columns and datatypes, licence and source.' });

export const CsvSchema = z.string().describe('RFC 4180 CSV in UTF-8 with a header row of column names; codes first, then their labels in `lang`');

