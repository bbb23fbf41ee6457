import type { Language, Unit } from '../domain.js';
import type { Delta } from '../data/types.js';
import { LOCALES, MESSAGES } from './i18n.js';

/**
 * How figures read in each language. Values are shown with exactly the decimals the report
 * printed (`decimals` of the metric), so nothing is rounded away or made up.
 */

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Language, decimals: number, signed = false): Intl.NumberFormat {
  const key = `${lang}:${decimals}:${signed}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    formatters.set(key, f);
  }
  return f;
}

/** A plain number in the language's notation (18,170 or 18.170), with a true minus sign. */
export function formatNumber(value: number, lang: Language, decimals = 0, signed = false): string {
  return numberFormat(lang, decimals, signed).format(value).replace('-', '\u2212');
}

/** A figure with its unit: 18,170 · 54% · €450.2 million · 2,946 FTE. */
export function formatValue(value: number, unit: Unit, lang: Language, decimals = 0): string {
  const n = formatNumber(value, lang, decimals);
  switch (unit) {
    case 'percent':
      return `${n}%`;
    case 'eur':
      return lang === 'nl' ? `€\u00a0${n}` : `€${n}`;
    case 'eur-million':
      return lang === 'nl' ? `€\u00a0${n}\u00a0mln` : `€${n}\u00a0million`;
    case 'fte':
      return `${n}\u00a0${MESSAGES[lang].units.fte}`;
    default:
      return n;
  }
}

export type Direction = 'up' | 'down' | 'flat';

export interface DeltaText {
  direction: Direction;
  /** The change as shown: percentage points for rates, per cent for other units (absolute where there is no per cent). */
  text: string;
  /** The same in words, for the element's title and for screen readers. */
  words: string;
}

/** Decimals to show for a derived change: the delta's own, so 0.2 stays 0.2 and 12 stays 12. */
export function ownDecimals(value: number): number {
  const text = String(Math.abs(value));
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

export function describeDelta(delta: Delta, lang: Language): DeltaText {
  const m = MESSAGES[lang];
  const direction: Direction = delta.change > 0 ? 'up' : delta.change < 0 ? 'down' : 'flat';
  let text: string;
  if (delta.unit === 'percent') {
    text = `${formatNumber(delta.change, lang, ownDecimals(delta.change), true)}\u00a0${m.ppShort}`;
  } else if (delta.changePercent !== null) {
    text = `${formatNumber(delta.changePercent, lang, ownDecimals(delta.changePercent), true)}%`;
  } else {
    text = formatNumber(delta.change, lang, ownDecimals(delta.change), true);
  }
  const how = direction === 'up' ? m.increase : direction === 'down' ? m.decrease : m.noChange;
  return { direction, text, words: `${how}, ${m.derived}` };
}
