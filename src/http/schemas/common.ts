import { z } from 'zod';
import { PROCEDURES, UNITS } from '../../domain.js';

export const LocalizedSchema = z
  .object({ nl: z.string().describe('Dutch'), en: z.string().describe('English') })
  .meta({ id: 'Localized', description: 'A text in Dutch and English.' });

export const ProcedureSchema = z.enum(PROCEDURES).meta({
  id: 'Procedure',
  description:
    '`total`; `tev`: entry and residence procedure (Toegang en Verblijf), applied for from abroad; `vvr`: residence permit (Verblijfsvergunning regulier) applied for in the Netherlands.',
});

export const UnitSchema = z.enum(UNITS).meta({
  id: 'Unit',
  description: '`count`; `percent` (54 means 54 %); `eur`; `eur-million`; `fte` (full-time equivalents).',
});

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().describe('The request path'),
    errors: z
      .array(
        z.object({
          parameter: z.string(),
          message: z.string(),
          allowed: z.array(z.string()).optional(),
        }),
      )
      .optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, served as application/problem+json.',
    example: {
      type: 'http://127.0.0.1:3000/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'There is no table "asylun".',
      instance: '/v1/tables/asylun',
      errors: [{ parameter: 'table', message: 'unknown table', allowed: ['asylum', 'knowledge-and-talent'] }],
    },
  });

/** A comma-separated list of items matching `item`, as a query-string parameter. */
export function listParam(item: string, description: string) {
  return z
    .string()
    .regex(new RegExp(`^(${item})(,(${item}))*$`), `a comma-separated list of ${description}`)
    .describe(`Comma-separated list of ${description}.`);
}

export const ID_LIST = '[a-z0-9]+(-[a-z0-9]+)*';
export const YEAR_LIST = '[0-9]{4}';

export const LimitSchema = z.coerce.number().int().min(1).max(10000).default(1000)
  .describe('Page size, 1 to 10000 (default 1000).');
export const OffsetSchema = z.coerce.number().int().min(0).max(1_000_000).default(0)
  .describe('Number of matches to skip.');
export const LangSchema = z.enum(['nl', 'en']).default('en')
  .describe('Language of labels in CSV and JSON-stat output (JSON always carries both).');
