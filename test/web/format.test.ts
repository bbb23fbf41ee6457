import { describe, expect, it } from 'vitest';
import type { Delta } from '../../src/data/types.js';
import { describeDelta, formatNumber, formatValue } from '../../src/web/format.js';
import { LANGUAGES } from '../../src/domain.js';

const delta = (unit: Delta['unit'], change: number, changePercent: number | null): Delta => ({
  table: 't', metric: 'm', procedure: 'total', unit, label: { nl: 'x', en: 'x' },
  from: 2015, to: 2016, fromValue: 0, toValue: 0, change, changePercent, precision: 'exact', step: null,
});

describe('formatting figures for people', () => {
  it('uses each language\'s notation and the report\'s decimals', () => {
    expect(formatNumber(18170, 'en')).toBe('18,170');
    expect(formatNumber(18170, 'nl')).toBe('18.170');
    expect(formatValue(450.2, 'eur-million', 'en', 1)).toBe('€450.2\u00a0million');
    expect(formatValue(450.2, 'eur-million', 'nl', 1)).toBe('€\u00a0450,2\u00a0mln');
    expect(formatValue(54, 'percent', 'nl')).toBe('54%');
    expect(formatValue(188000, 'eur', 'en')).toBe('€188,000');
    expect(formatValue(2946, 'fte', 'nl')).toBe('2.946\u00a0fte');
  });

  it('writes negative numbers with a true minus sign', () => {
    expect(formatNumber(-24920, 'en')).toBe('\u221224,920');
  });

  it('shows changes of rates in percentage points and of counts in per cent, with direction and sign', () => {
    expect(describeDelta(delta('percent', -16, null), 'en')).toMatchObject({ direction: 'down', text: '\u221216\u00a0pp' });
    expect(describeDelta(delta('percent', 1, null), 'nl')).toMatchObject({ direction: 'up', text: '+1\u00a0%-punt' });
    expect(describeDelta(delta('count', -24920, -57.8), 'en')).toMatchObject({ direction: 'down', text: '\u221257.8%' });
    expect(describeDelta(delta('count', 280, 0.2), 'nl')).toMatchObject({ direction: 'up', text: '+0,2%' });
    expect(describeDelta(delta('percent', 0, null), 'en')).toMatchObject({ direction: 'flat', text: '0\u00a0pp' });
  });

  it('falls back to the absolute change where there is no per cent, and says the change is derived', () => {
    const d = describeDelta(delta('count', 5, null), 'en');
    expect(d.text).toBe('+5');
    expect(d.words).toBe('increase, derived');
  });
});

describe('the notation, written without Intl', () => {
  /** The locales whose notation src/web/format.ts writes. */
  const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;
  const formats = new Map<string, Intl.NumberFormat>();
  /** What Intl.NumberFormat writes for the language's locale, the minus sign made a true one. */
  const intl = (value: number, lang: (typeof LANGUAGES)[number], decimals: number, signed: boolean) => {
    const key = `${lang} ${decimals} ${signed}`;
    let format = formats.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals, signDisplay: signed ? 'exceptZero' : 'auto' });
      formats.set(key, format);
    }
    return format.format(value).replace('-', '\u2212');
  };

  it('writes every number as Intl.NumberFormat does: grouping, rounding of halves, signs and zeros', () => {
    // A fixed pseudo-random sequence, so that a failure can be run again.
    let seed = 20161231;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [0, -0, 0.5, -0.5, 1.005, 2.675, 0.05, -0.04, 999.5, 999999.95, 1e21, 1.5e-7, 123456789012, Infinity, -Infinity, NaN];
    for (let i = 0; i < 3000; i++) {
      const scale = 10 ** Math.floor(next() * 10);
      const places = Math.floor(next() * 5);
      const v = Math.round(next() * scale * 10 ** places) / 10 ** places;
      values.push(next() < 0.3 ? -v : v);
      // Halves at the rounding place, where rounding rules differ.
      values.push(Math.floor(next() * 1000) + [0.5, 0.05, 0.005, 0.25, 0.125][i % 5]!);
    }
    const differences: string[] = [];
    let compared = 0;
    for (const value of values) {
      for (const lang of LANGUAGES) {
        for (const decimals of [0, 1, 2, 3]) {
          for (const signed of [false, true]) {
            const ours = formatNumber(value, lang, decimals, signed);
            const theirs = intl(value, lang, decimals, signed);
            if (ours !== theirs) differences.push(`${value} (${lang}, ${decimals} decimals${signed ? ', signed' : ''}): ${ours}, Intl ${theirs}`);
            compared++;
          }
        }
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBe(values.length * 16);
  });
});

