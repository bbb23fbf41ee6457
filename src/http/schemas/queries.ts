import { z } from 'zod';
import { PROCEDURES, UNITS } from '../../domain.js';
import { ID_LIST, LangSchema, LimitSchema, listParam, OffsetSchema, YEAR_LIST } from './common.js';
import { formatParam, layoutParam } from '../renderers/schemas.js';

const PROCEDURE_LIST = PROCEDURES.join('|');
const UNIT_LIST = UNITS.join('|');

export const TableParam = z.string().max(100).describe('Table id, e.g. `asylum`');

const year = (what: string) => z.coerce.number().int().min(1000).max(9999).optional().describe(what);

/** Answer as the data stood after a release or on a day, and keep only some years. */
const vintageAndWindow = {
  release: z.string().max(100).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a release id').optional()
    .describe('Answer as of this release: its figures and those of every earlier release (ids at /v1/releases)'),
  asOf: z.iso.date().optional()
    .describe('Answer as of this day (YYYY-MM-DD): only releases certainly published by then count'),
  startYear: year('First year to include'),
  endYear: year('Last year to include'),
  lastN: z.coerce.number().int().min(1).max(100).optional().describe('Only the latest N years with data of each series'),
};

export const FiguresQuery = z.strictObject({
  table: listParam(ID_LIST, 'table ids').optional(),
  metric: listParam(ID_LIST, 'metric ids').optional(),
  procedure: listParam(PROCEDURE_LIST, `procedures (${PROCEDURES.join(', ')})`).optional(),
  year: listParam(YEAR_LIST, 'four-digit years').optional(),
  unit: listParam(UNIT_LIST, `units (${UNITS.join(', ')})`).optional(),
  ...vintageAndWindow,
  limit: LimitSchema,
  offset: OffsetSchema,
  format: formatParam('figure-list'),
  layout: layoutParam('figure-list'),
  lang: LangSchema,
});

export const DeltasQuery = z.strictObject({
  table: listParam(ID_LIST, 'table ids').optional(),
  metric: listParam(ID_LIST, 'metric ids').optional(),
  procedure: listParam(PROCEDURE_LIST, `procedures (${PROCEDURES.join(', ')})`).optional(),
  from: listParam(YEAR_LIST, 'four-digit years').optional(),
  to: listParam(YEAR_LIST, 'four-digit years').optional(),
  ...vintageAndWindow,
  limit: LimitSchema,
  offset: OffsetSchema,
  format: formatParam('delta-list'),
  lang: LangSchema,
});

export const TableQuery = z.strictObject({
  format: formatParam('table'),
  layout: layoutParam('table'),
  lang: LangSchema,
});

export const NoQuery = z.strictObject({});

export const TablesQuery = z.strictObject({
  format: formatParam('table-list'),
  lang: LangSchema,
});

export const CatalogQuery = z.strictObject({
  format: formatParam('catalog'),
});

export const DownloadQuery = z.strictObject({
  lang: LangSchema,
});

export const NationalitiesQuery = z.strictObject({
  table: listParam(ID_LIST, 'table ids').optional(),
  year: listParam(YEAR_LIST, 'four-digit years').optional(),
});

export const ChecksQuery = z.strictObject({
  table: listParam(ID_LIST, 'table ids').optional(),
  holds: z.enum(['true', 'false']).optional().describe('Only checks that hold (`true`) or fail (`false`)'),
});

export const SeriesQuery = z.strictObject({
  table: listParam(ID_LIST, 'table ids').optional(),
  metric: listParam(ID_LIST, 'metric ids').optional(),
  procedure: listParam(PROCEDURE_LIST, `procedures (${PROCEDURES.join(', ')})`).optional(),
  unit: listParam(UNIT_LIST, `units (${UNITS.join(', ')})`).optional(),
  ...vintageAndWindow,
  format: formatParam('series-list'),
  layout: layoutParam('series-list'),
  lang: LangSchema,
});

export const ReleasesQuery = z.strictObject({
  format: formatParam('release-list'),
  lang: LangSchema,
});

export const ReleaseParam = z.string().max(100).describe('Release id, e.g. as listed at /v1/releases');
