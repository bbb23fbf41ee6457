import { z } from 'zod';
import { STANDARDS } from './standards.js';
import type { Renderer } from './types.js';

/** The SQLite store itself: the bytes of the snapshot opened at start-up. */
export const sqliteRenderer: Renderer = {
  id: 'sqlite',
  name: 'sqlite',
  mediaType: 'application/vnd.sqlite3',
  contentType: 'application/vnd.sqlite3',
  extension: 'sqlite',
  attachment: true,
  title: 'SQLite',
  conformsTo: [STANDARDS.sqlite],
  // The EU file-type list has no SQLite entry; the media type says precisely what it is.
  euFileType: 'BIN',
  renders: {
    'store-file': {
      schema: z.string().meta({ format: 'binary' }),
      serialize: (d) => d.bytes,
      distribution: {
        nl: 'De SQLite-database waaruit deze API antwoordt: alle tabellen, indicatoren, cijfers, voetnoten en rangordes.',
        en: 'The SQLite database this API answers from: every table, metric, figure, footnote and ranking.',
      },
    },
  },
};
