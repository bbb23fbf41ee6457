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

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The answers any route may give besides its own, documented once and spread into each route. */
export const COMMON_RESPONSES = {
  304: z.null().describe('Not Modified: the representation still matches `If-None-Match`; no body.'),
  400: problem('A parameter is unknown or malformed; `errors` names it and the values allowed.'),
  405: problem('Only GET, HEAD and OPTIONS are allowed; the `Allow` header says so.'),
  414: problem('The request target is longer than the server accepts.'),
  429: problem('Too many requests from this client; retry after `Retry-After` seconds.'),
  503: problem('Overloaded, or the store cannot be read; retry after `Retry-After` seconds.'),
};

export const NOT_FOUND_RESPONSE = {
  404: problem('Unknown table, metric or resource; `errors` lists the ids that exist.'),
};

/** A comma-separated list of items matching `item`, as a query-string parameter. */
export function listParam(item: string, description: string) {
  return z
    .string()
    .regex(new RegExp(`^(${item})(,(${item}))*$`), `a comma-separated list of ${description}`)
    .describe(`Comma-separated list of ${description}.`);
}

export const ID_LIST = '[a-z0-9]+(-[a-z0-9]+)*';
export const YEAR_LIST = '[0-9]{4}';

/** Digits only: `1e3`, `0x10`, `+5` or an empty value are malformed, not numbers to guess at. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,7}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.int().min(min, `a whole number from ${min} to ${max}`).max(max, `a whole number from ${min} to ${max}`));

export const LIMIT_RANGE = { min: 1, max: 10000, default: 1000 } as const;
export const OFFSET_RANGE = { min: 0, max: 1_000_000 } as const;

export const LimitSchema = wholeNumber(LIMIT_RANGE.min, LIMIT_RANGE.max).default(LIMIT_RANGE.default)
  .describe('Page size, 1 to 10000 (default 1000).');
export const OffsetSchema = wholeNumber(OFFSET_RANGE.min, OFFSET_RANGE.max).default(0)
  .describe('Number of matches to skip (default 0).');
export const LangSchema = z.enum(['nl', 'en']).default('en')
  .describe('Language of labels in CSV and JSON-stat output (JSON always carries both).');
