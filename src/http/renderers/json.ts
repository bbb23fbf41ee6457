import type { ResourceKinds } from './types.js';
import { DeltasPageSchema, FiguresPageSchema } from '../schemas/figures.js';
import { TableDetailSchema, TableListSchema } from '../schemas/tables.js';
import { ReleaseDetailSchema, ReleaseListSchema, SeriesListSchema } from '../schemas/releases.js';
import type { Renderer, Rendering } from './types.js';

/** The API's own JSON: the body the route built, checked by its response schema as it is written. */
const body = <D extends { body: unknown }>(schema: Rendering<D>['schema'], distribution?: Rendering<D>['distribution']): Rendering<D> => ({
  schema,
  serialize: (data) => ({ json: data.body }),
  ...(distribution ? { distribution } : {}),
});

export const jsonRenderer: Renderer = {
  id: 'json',
  name: 'json',
  mediaType: 'application/json',
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  title: 'JSON',
  euFileType: 'JSON',
  renders: {
    'table-list': body<ResourceKinds['table-list']>(TableListSchema),
    table: body<ResourceKinds['table']>(TableDetailSchema, {
      nl: 'De tabel met metadata, cijfers, veranderingen, voetnoten en rangordes, als JSON.',
      en: 'The table with metadata, figures, changes, footnotes and rankings, as JSON.',
    }),
    'figure-list': body<ResourceKinds['figure-list']>(FiguresPageSchema, {
      nl: 'Alle cijfers via de API, te filteren op tabel, indicator, procedure, jaar en eenheid.',
      en: 'All figures through the API, filterable by table, metric, procedure, year and unit.',
    }),
    'delta-list': body<ResourceKinds['delta-list']>(DeltasPageSchema),
    'release-list': body<ResourceKinds['release-list']>(ReleaseListSchema),
    release: body<ResourceKinds['release']>(ReleaseDetailSchema),
    'series-list': body<ResourceKinds['series-list']>(SeriesListSchema),
  },
};
