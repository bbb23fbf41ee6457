import { z } from 'zod';
import { releasesFeed } from '../../publishing/atom.js';
import type { Renderer } from './types.js';

/** Atom 1.0 (RFC 4287): the releases as a feed, for harvesters and feed readers. */
export const atomRenderer: Renderer = {
  id: 'atom',
  name: 'atom',
  mediaType: 'application/atom+xml',
  contentType: 'application/atom+xml; charset=utf-8',
  extension: 'atom',
  title: 'Atom',
  conformsTo: [{ iri: 'https://www.rfc-editor.org/rfc/rfc4287', title: 'RFC 4287: The Atom Syndication Format' }],
  euFileType: 'ATOM',
  renders: {
    'release-list': {
      schema: z.string().describe('An Atom 1.0 feed, one entry per release, newest first'),
      serialize: (d, c) => releasesFeed(d.entries, c.publicUrl, c.lang),
      distribution: {
        nl: 'De publicaties waaruit de cijfers komen, als Atom-feed: nieuwste eerst.',
        en: 'The releases the figures come from, as an Atom feed: newest first.',
      },
    },
  },
};
