/** Fixed vocabularies of the public contract. */
export const PROCEDURES = ['total', 'tev', 'vvr'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const UNITS = ['count', 'percent', 'eur', 'eur-million', 'fte'] as const;
export type Unit = (typeof UNITS)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Localized {
  nl: string;
  en: string;
}

/** Kinds of publication a figure can come from; their order breaks ties between releases of the same date (later wins). */
export const RELEASE_KINDS = ['ministry-accounts', 'government-report', 'annual-report', 'annual-figures', 'asylum-figures'] as const;
export type ReleaseKind = (typeof RELEASE_KINDS)[number];

/** How exactly a release gives a value: as counted, rounded to a step, or in words such as "just over". */
export const PRECISIONS = ['exact', 'rounded', 'approximate'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const QUALIFIERS = ['just-over', 'about', 'almost'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** How a release's date is known: shown on it, its last update, or from other reporting; `partial` when only a year or month is known. */
export const DATE_BASES = ['shown', 'last-update', 'reported', 'partial'] as const;
export type DateBasis = (typeof DATE_BASES)[number];
