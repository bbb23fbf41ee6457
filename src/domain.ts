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
