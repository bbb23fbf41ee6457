import type { Observation } from '../data/types.js';
import type { Localized, Unit } from '../domain.js';
import type { Item, TextType } from './model.js';
import { sdmxId } from './ids.js';

/** Concepts of every component, named as the SDMX cross-domain concepts are where one fits. */
export const CONCEPTS: (Item & { textType?: TextType })[] = [
  { id: 'METRIC', name: { nl: 'Indicator', en: 'Indicator' }, description: { nl: 'Wat geteld of gemeten is.', en: 'What is counted or measured.' } },
  { id: 'PROCEDURE', name: { nl: 'Procedure', en: 'Procedure' }, description: { nl: 'TEV (aangevraagd vanuit het buitenland), VVR (aangevraagd in Nederland) of het totaal.', en: 'TEV (applied for from abroad), VVR (applied for in the Netherlands) or the total.' } },
  { id: 'TIME_PERIOD', name: { nl: 'Periode', en: 'Time period' }, description: { nl: 'Het verslagjaar.', en: 'The reporting year.' } },
  { id: 'OBS_VALUE', name: { nl: 'Waarde', en: 'Observation value' }, description: { nl: 'Het cijfer zoals het jaarverslag het drukt.', en: 'The figure as the annual report prints it.' } },
  { id: 'TABLE', name: { nl: 'Tabel', en: 'Table' }, description: { nl: 'De tabel van het jaarverslag waar het cijfer in staat.', en: 'The table of the annual report that holds the figure.' } },
  { id: 'UNIT_MEASURE', name: { nl: 'Eenheid', en: 'Unit of measure' } },
  { id: 'UNIT_MULT', name: { nl: 'Eenheidsvermenigvuldiger', en: 'Unit multiplier' }, description: { nl: 'De waarde is een veelvoud van 10 tot deze macht van de eenheid.', en: 'The value counts the unit times 10 to this power.' } },
  { id: 'DECIMALS', name: { nl: 'Decimalen', en: 'Decimals' }, description: { nl: 'Aantal decimalen waarmee het jaarverslag het cijfer geeft.', en: 'Number of decimals the report gives the figure with.' } },
  { id: 'TIME_FORMAT', name: { nl: 'Notatie van de periode', en: 'Time format' } },
  { id: 'OBS_STATUS', name: { nl: 'Status van de waarneming', en: 'Observation status' } },
  { id: 'COMMENT_OBS', name: { nl: 'Voetnoot', en: 'Footnote' }, description: { nl: 'De voetnoten van het jaarverslag bij dit cijfer, in eigen woorden.', en: 'The report\'s footnotes on this figure, in our own words.' } },
];

/** How exact a figure is. The ids mirror the precision vocabulary of /v1 in upper case. */
export const OBS_STATUS: Item[] = [
  { id: 'EXACT', name: { nl: 'Exact', en: 'Exact' }, description: { nl: 'Het jaarverslag geeft het cijfer precies.', en: 'The report gives the figure exactly.' } },
  { id: 'ROUNDED', name: { nl: 'Afgerond', en: 'Rounded' }, description: { nl: 'Het jaarverslag geeft het cijfer afgerond (zie DECIMALS en de afronding van de indicator).', en: 'The report gives the figure rounded (see DECIMALS and the metric\'s rounding).' } },
  { id: 'APPROXIMATE', name: { nl: 'Circa', en: 'Approximate' }, description: { nl: 'Het jaarverslag geeft het cijfer bij benadering ("circa").', en: 'The report gives the figure as approximate ("circa").' } },
  { id: 'REVISED', name: { nl: 'Herzien', en: 'Revised' }, description: { nl: 'Een voetnoot of een later verslag geeft een gecorrigeerd cijfer.', en: 'A footnote or a later report gives a corrected figure.' } },
];

export const TIME_FORMATS: Item[] = [
  { id: 'P1Y', name: { nl: 'Jaar (JJJJ)', en: 'Year (YYYY)' }, description: { nl: 'Een kalenderjaar, geschreven als vier cijfers.', en: 'A calendar year, written as four digits.' } },
];

/** SDMX writes "million euro" as unit EUR with multiplier 6; the multiplier is read from the /v1 id. */
const MULTIPLIERS: Record<string, number> = { thousand: 3, million: 6, billion: 9 };

export function unitMeasure(unit: Unit): { code: string; base: Unit; multiplier: number } {
  const match = /^(.+)-(thousand|million|billion)$/.exec(unit);
  if (match) return { code: sdmxId(match[1]!), base: match[1] as Unit, multiplier: MULTIPLIERS[match[2]!]! };
  return { code: sdmxId(unit), base: unit, multiplier: 0 };
}

/** Approximate and revised say more than rounding, so they win; otherwise the figure's own precision. */
export function obsStatus(o: Observation): string {
  const restated = o.history.some((h) => h.value !== o.value);
  if (o.approximate || o.precision === 'approximate') return 'APPROXIMATE';
  if (o.revisedValue !== null || restated) return 'REVISED';
  return o.precision === 'exact' ? 'EXACT' : 'ROUNDED';
}

export const footnoteText = (o: Observation, lang: keyof Localized): string | undefined =>
  o.footnotes.length ? o.footnotes.map((f) => f[lang]).join(' ') : undefined;
