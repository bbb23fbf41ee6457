import { z } from 'zod';
import { PROCEDURES, UNITS } from '../../domain.js';

export const LIMIT_RANGE = { min: 1, max: 10000, default: 1000 } as const;
export const OFFSET_RANGE = { min: 0, max: 1_000_000 } as const;

/**
 * The largest strings and lists the API sends or accepts. They hold for anything the seed files
 * can hold, and they travel into the OpenAPI document so clients know what to expect at most.
 */
export const BOUNDS = {
  /** Ids are lower-case words joined by hyphens; a path parameter takes up to 100 characters. */
  id: 100,
  /** Labels, titles, headings and rows as a report prints them. */
  label: 500,
  /** Descriptions, footnotes, citations and notes. */
  text: 5000,
  /** Absolute URLs: the public base URL and a path built from ids. */
  url: 8192,
  /** A query value or request path: within the longest request target MAX_URL_LENGTH can allow (65536; 414 beyond). */
  target: 65_536,
  /** Items of any list in an answer: a store holds far fewer figures than one page's limit. */
  items: LIMIT_RANGE.max,
} as const;

export const IdSchema = z.string().max(BOUNDS.id);
export const LabelSchema = z.string().max(BOUNDS.label);
export const TextSchema = z.string().max(BOUNDS.text);
export const UrlSchema = z.string().max(BOUNDS.url);

/** A whole number that fits in 32 bits, with the bounds it really has. */
export const int32 = (min: number, max = 2_147_483_647) => z.int().min(min).max(max).meta({ format: 'int32' });
/** Years as the seed files allow them. */
export const YEAR_RANGE = { min: 1900, max: 2999 } as const;
export const YEARS_MAX = YEAR_RANGE.max - YEAR_RANGE.min + 1;
export const YearSchema = int32(YEAR_RANGE.min, YEAR_RANGE.max);
export const CountSchema = int32(0);
/** A list of data items: no longer than `max`, by default the bound of every list. */
export const listOf = <T extends z.ZodType>(item: T, max: number = BOUNDS.items) => z.array(item).max(max);

export const LocalizedSchema = z
  .object({ nl: TextSchema.describe('Dutch'), en: TextSchema.describe('English') })
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
    type: UrlSchema.describe('A URI naming the kind of problem'),
    title: LabelSchema,
    status: int32(400, 599),
    detail: z.string().max(BOUNDS.text + BOUNDS.target).describe('What went wrong; it may quote a value of the request'),
    instance: z.string().max(BOUNDS.target).describe('The request path'),
    errors: listOf(
      z.object({
        parameter: z.string().max(BOUNDS.target),
        message: TextSchema,
        allowed: listOf(IdSchema).optional(),
      }),
    ).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json.' });

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The answers any route may give besides its own, documented once and spread into each route. */
export const COMMON_RESPONSES = {
  304: z.null().describe('Not Modified: the representation still matches `If-None-Match`; no body.'),
  400: problem('A parameter is unknown or malformed; `errors` names it and the values allowed.'),
  405: problem('Only GET, HEAD and OPTIONS are allowed; the `Allow` header says so.'),
  414: problem('The request target is longer than the server accepts.'),
  429: problem('Too many requests from this client; retry after `Retry-After` seconds.'),
  500: problem('Something went wrong on the service\'s side.'),
  503: problem('Overloaded, or the store cannot be read; retry after `Retry-After` seconds.'),
};

export const NOT_FOUND_RESPONSE = {
  404: problem('Unknown table, metric or resource; `errors` lists the ids that exist.'),
};

/** A comma-separated list of items matching `item`, as a query-string parameter. */
export function listParam(item: string, description: string) {
  return z
    .string()
    .max(BOUNDS.target)
    .regex(new RegExp(`^(${item})(,(${item}))*$`), `a comma-separated list of ${description}`)
    .describe(`Comma-separated list of ${description}.`);
}

export const ID_LIST = '[a-z0-9]+(-[a-z0-9]+)*';
export const YEAR_LIST = '[0-9]{4}';

/** Digits only: `1e3`, `0x10`, `+5` or an empty value are malformed, not numbers to guess at. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .max(7)
    .regex(/^[0-9]{1,7}$/, `a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.int().min(min, `a whole number from ${min} to ${max}`).max(max, `a whole number from ${min} to ${max}`));

export const LimitSchema = wholeNumber(LIMIT_RANGE.min, LIMIT_RANGE.max).default(LIMIT_RANGE.default)
  .describe('Page size, 1 to 10000 (default 1000).');
export const OffsetSchema = wholeNumber(OFFSET_RANGE.min, OFFSET_RANGE.max).default(0)
  .describe('Number of matches to skip (default 0).');
export const LangSchema = z.enum(['nl', 'en']).default('en')
  .describe('Language of labels in CSV and JSON-stat output (JSON always carries both).');
