import type { Language, Unit } from '../domain.js';
import type { Delta } from '../data/types.js';
import { MESSAGES } from './i18n.js';

/**
 * How figures read in each language. Values are shown with exactly the decimals the report
 * printed (`decimals` of the metric), so nothing is rounded away or made up.
 */

/**
 * The two notations are written out here rather than asked of Intl.NumberFormat: the first
 * Intl.NumberFormat loads ICU's locale data into the process, about 7 MiB of memory it keeps, for
 * what is a choice of two separators. The output is Intl's, to the character: a test compares
 * the two on thousands of values.
 */
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  nl: { group: '.', decimal: ',' },
};

/** The integer and fraction digits of `abs` (≥ 0) in its shortest decimal form, which is what Intl rounds. */
function decimalDigits(abs: number): [string, string] {
  const [mantissa = '', exponent = '0'] = String(abs).split('e');
  const [int = '', fraction = ''] = mantissa.split('.');
  const digits = int + fraction;
  const point = int.length + Number(exponent);
  if (point <= 0) return ['0', '0'.repeat(-point) + digits];
  if (point >= digits.length) return [digits + '0'.repeat(point - digits.length), ''];
  return [digits.slice(0, point), digits.slice(point)];
}

/** `abs` rounded to `decimals` places, halves away from zero (Intl's default), as integer and fraction digits. */
function roundedDigits(abs: number, decimals: number): [string, string] {
  const [int, fraction] = decimalDigits(abs);
  if (fraction.length <= decimals) return [int, fraction.padEnd(decimals, '0')];
  let kept = BigInt(int + fraction.slice(0, decimals));
  if (fraction[decimals]! >= '5') kept += 1n;
  const all = kept.toString().padStart(decimals + 1, '0');
  return [all.slice(0, all.length - decimals), all.slice(all.length - decimals)];
}

/**
 * A plain number in the language's notation (18,170 or 18.170), with a true minus sign. `signed`
 * also gives a plus sign to a number that is not zero once rounded.
 */
export function formatNumber(value: number, lang: Language, decimals = 0, signed = false): string {
  if (Number.isNaN(value)) return 'NaN';
  const negative = value < 0 || Object.is(value, -0);
  if (!Number.isFinite(value)) return `${negative ? '\u2212' : signed ? '+' : ''}\u221e`;
  const { group, decimal } = SEPARATORS[lang];
  const [int, fraction] = roundedDigits(Math.abs(value), decimals);
  const zero = /^0*$/.test(int + fraction);
  const sign = signed ? (zero ? '' : negative ? '\u2212' : '+') : negative ? '\u2212' : '';
  const grouped = int.replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${grouped}${decimals > 0 ? decimal + fraction : ''}`;
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
