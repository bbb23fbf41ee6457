import { describe, expect, it } from 'vitest';
import type { Delta } from '../../src/data/types.js';
import { describeDelta, formatNumber, formatValue } from '../../src/web/format.js';

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

  it('shows changes of rates in percentage points and of counts in per cent, with arrow and sign', () => {
    expect(describeDelta(delta('percent', -16, null), 'en')).toMatchObject({ direction: 'down', arrow: '▼', text: '\u221216\u00a0pp' });
    expect(describeDelta(delta('percent', 1, null), 'nl')).toMatchObject({ direction: 'up', arrow: '▲', text: '+1\u00a0%-punt' });
    expect(describeDelta(delta('count', -24920, -57.8), 'en')).toMatchObject({ direction: 'down', text: '\u221257.8%' });
    expect(describeDelta(delta('count', 280, 0.2), 'nl')).toMatchObject({ direction: 'up', text: '+0,2%' });
    expect(describeDelta(delta('percent', 0, null), 'en')).toMatchObject({ direction: 'flat', arrow: '■', text: '0\u00a0pp' });
  });

  it('falls back to the absolute change where there is no per cent, and says the change is derived', () => {
    const d = describeDelta(delta('count', 5, null), 'en');
    expect(d.text).toBe('+5');
    expect(d.words).toBe('increase, derived');
  });
});
