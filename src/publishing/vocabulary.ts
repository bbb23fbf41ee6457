import type { Language, Localized, Procedure, Unit } from '../domain.js';
import type { ReportInfo } from '../data/types.js';
import { LICENSE } from '../publication.js';

/** Human labels of the contract's fixed codes, for CSV label columns, JSON-stat and schema.org. */
export const PROCEDURE_LABELS: Record<Procedure, Localized> = {
  total: { nl: 'Totaal', en: 'Total' },
  tev: { nl: 'TEV (Toegang en Verblijf, aangevraagd vanuit het buitenland)', en: 'TEV (entry and residence, applied for from abroad)' },
  vvr: { nl: 'VVR (Verblijfsvergunning regulier, aangevraagd in Nederland)', en: 'VVR (regular residence permit, applied for in the Netherlands)' },
};

export const UNIT_LABELS: Record<Unit, Localized> = {
  count: { nl: 'aantal', en: 'number' },
  percent: { nl: 'procent', en: 'percent' },
  eur: { nl: 'euro', en: 'euro' },
  'eur-million': { nl: 'miljoen euro', en: 'million euro' },
  fte: { nl: 'fte (voltijdbanen)', en: 'FTE (full-time equivalents)' },
};

/** Symbols a statistical client may print beside a value (JSON-stat `unit.symbol`). */
export const UNIT_SYMBOLS: Partial<Record<Unit, { symbol: string; position: 'start' | 'end' }>> = {
  percent: { symbol: '%', position: 'end' },
  eur: { symbol: '€', position: 'start' },
  'eur-million': { symbol: 'mln €', position: 'end' },
};

export const DIMENSION_LABELS = {
  metric: { nl: 'Indicator', en: 'Indicator' },
  procedure: { nl: 'Procedure', en: 'Procedure' },
  year: { nl: 'Jaar', en: 'Year' },
} satisfies Record<string, Localized>;

/** What the JSON-stat `status` codes mean. */
export const STATUS_LABELS = {
  a: { nl: 'circa: het jaarverslag geeft dit cijfer bij benadering', en: 'approximate: the report gives this figure as "circa"' },
  r: { nl: 'herzien: het jaarverslag geeft in een voetnoot een gecorrigeerd cijfer', en: 'revised: a footnote of the report gives a corrected figure' },
} satisfies Record<string, Localized>;

/** How to cite a figure served here: the report, the later releases, then this service and its licence. */
export function citation(report: ReportInfo, publicUrl: string, lang: Language): string {
  const served = lang === 'nl'
    ? `Latere publicaties van de IND en de rijksoverheid: ${publicUrl}/v1/releases. Gegevens via ${publicUrl}/v1, ${LICENSE.id}.`
    : `Later releases of the IND and the Dutch government: ${publicUrl}/v1/releases. Data via ${publicUrl}/v1, ${LICENSE.id}.`;
  return `${report.citation[lang]} ${served}`;
}
