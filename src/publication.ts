import type { Localized } from './domain.js';

/** Terms the data is published under, repeated wherever a harvester or reader looks. */
export const LICENSE = {
  id: 'CC0-1.0',
  name: 'Creative Commons Zero 1.0 Universal (public domain dedication)',
  url: 'https://creativecommons.org/publicdomain/zero/1.0/',
  /** The EU vocabulary's term for the same licence, used in the DCAT catalog. */
  euUri: 'http://publications.europa.eu/resource/authority/licence/CC0',
} as const;

export const PUBLISHER = {
  name: { nl: 'Immigratie- en Naturalisatiedienst (IND)', en: 'Immigration and Naturalisation Service (IND)' } satisfies Localized,
  url: 'https://ind.nl',
} as const;

export const DELTA_NOTE: Localized = {
  nl: 'Veranderingen ten opzichte van het vorige jaar zijn door deze dienst berekend uit de cijfers van het jaarverslag; het zijn geen officiële cijfers.',
  en: 'Year-over-year changes are computed by this service from the report\'s figures; they are not official figures.',
};

/** Where a reader of the catalog can ask about the data (DCAT contact point). */
export const CONTACT = {
  name: PUBLISHER.name,
  url: 'https://ind.nl/en/contact',
} as const;

