import { toJsonStatCollection, toJsonStatDataset } from '../../publishing/json-stat.js';
import { JsonStatCollectionSchema, JsonStatDatasetSchema } from '../schemas/publishing.js';
import { STANDARDS } from './standards.js';
import type { Renderer } from './types.js';

/** JSON-stat 2.0: a dataset per table (metric × procedure × year), a collection linking them all. */
export const jsonStatRenderer: Renderer = {
  id: 'json-stat',
  name: 'json-stat',
  mediaType: 'application/json',
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  title: 'JSON-stat',
  conformsTo: [STANDARDS.jsonStat],
  euFileType: 'JSON',
  renders: {
    'table-list': {
      schema: JsonStatCollectionSchema,
      serialize: (_d, c) => JSON.stringify(toJsonStatCollection(c.dataset, c.lang, c.publicUrl)),
    },
    table: {
      schema: JsonStatDatasetSchema,
      serialize: (d, c) => JSON.stringify(toJsonStatDataset(c.dataset, d.table.id, c.lang, c.publicUrl)),
      distribution: {
        nl: 'De tabel als JSON-stat 2.0-dataset (indicator × procedure × jaar); ?lang=nl geeft Nederlandse labels.',
        en: 'The table as a JSON-stat 2.0 dataset (indicator × procedure × year); ?lang=nl gives Dutch labels.',
      },
    },
  },
};
