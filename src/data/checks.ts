import type { Procedure } from '../domain.js';
import { roundTo, subtract, sum } from './arithmetic.js';
import type { StatedShare } from './load-dataset.js';
import type { Check, Observation, TableInfo } from './types.js';

/**
 * The identities the report's own figures should satisfy, tested with the slack its rounding
 * allows. Every printed figure may be off by half its rounding step (`roundedTo`), so the
 * tolerance of an identity is the sum of the half-steps of the figures it involves.
 */

type Lookup = (table: string, metric: string, procedure: Procedure, year: number) => Observation | undefined;

const half = (roundedTo: number) => roundedTo / 2;

function partsSum(table: TableInfo, get: Lookup, roundedTo: Map<string, number>): Check[] {
  const checks: Check[] = [];
  for (const metric of table.metrics.filter((m) => m.unit !== 'percent')) {
    for (const year of table.years) {
      const total = get(table.id, metric.id, 'total', year);
      const tev = get(table.id, metric.id, 'tev', year);
      const vvr = get(table.id, metric.id, 'vvr', year);
      if (!total || !tev || !vvr) continue;
      const expected = sum([tev.value, vvr.value]);
      const step = roundedTo.get(metric.id) ?? 1;
      const difference = subtract(total.value, expected);
      const tolerance = 3 * half(step);
      checks.push({
        id: `${table.id}-${metric.id}-${year}-parts-sum`,
        table: table.id,
        year,
        kind: 'parts-sum',
        metric: metric.id,
        unit: metric.unit,
        description: {
          nl: `${metric.label.nl} ${year}: totaal gelijk aan TEV + VVR`,
          en: `${metric.label.en} ${year}: total equals TEV + VVR`,
        },
        expected,
        actual: total.value,
        difference,
        tolerance,
        holds: Math.abs(difference) <= tolerance,
        inputs: [tev, vvr, total].map((o) => ({ metric: o.metric, procedure: o.procedure, value: o.value })),
      });
    }
  }
  return checks;
}

/** The total grant rate is the TEV and VVR rates weighted by their numbers of decisions. */
function weightedRate(table: TableInfo, get: Lookup): Check[] {
  const checks: Check[] = [];
  const rate = table.metrics.find((m) => m.id === 'grant-rate');
  if (!rate || !table.metrics.some((m) => m.id === 'decisions')) return checks;
  for (const year of table.years) {
    const parts = (['tev', 'vvr'] as const).map((p) => ({ r: get(table.id, 'grant-rate', p, year), d: get(table.id, 'decisions', p, year) }));
    const total = get(table.id, 'grant-rate', 'total', year);
    if (!total || parts.some((p) => !p.r || !p.d)) continue;
    const weight = parts.reduce((acc, p) => acc + p.d!.value, 0);
    const exact = parts.reduce((acc, p) => acc + p.r!.value * p.d!.value, 0) / weight;
    const expected = roundTo(exact, 2);
    const difference = roundTo(total.value - exact, 2);
    // Half a point for the printed total, half a point for the printed TEV and VVR rates.
    const tolerance = 2 * half(rate.roundedTo);
    checks.push({
      id: `${table.id}-grant-rate-${year}-weighted`,
      table: table.id,
      year,
      kind: 'weighted-rate',
      metric: 'grant-rate',
      unit: 'percent',
      description: {
        nl: `Inwilligingspercentage ${year}: totaal gelijk aan het gemiddelde van TEV en VVR, gewogen naar beslissingen`,
        en: `Grant rate ${year}: total equals the TEV and VVR rates weighted by their decisions`,
      },
      expected,
      actual: total.value,
      difference,
      tolerance,
      holds: Math.abs(total.value - exact) <= tolerance,
      inputs: parts.flatMap((p) => [p.r!, p.d!]).concat(total).map((o) => ({ metric: o.metric, procedure: o.procedure, value: o.value })),
    });
  }
  return checks;
}

function financeResult(table: TableInfo, get: Lookup, roundedTo: Map<string, number>): Check[] {
  if (table.id !== 'finance') return [];
  return table.years.flatMap((year) => {
    const [income, expenses, result] = ['income', 'expenses', 'result'].map((m) => get(table.id, m, 'total', year));
    if (!income || !expenses || !result) return [];
    const expected = subtract(income.value, expenses.value);
    const difference = subtract(result.value, expected);
    const tolerance = roundTo(['income', 'expenses', 'result'].reduce((acc, m) => acc + half(roundedTo.get(m) ?? 1), 0), 6);
    return [{
      id: `finance-result-${year}`,
      table: table.id,
      year,
      kind: 'finance-result' as const,
      metric: 'result',
      unit: result.unit,
      description: {
        nl: `Resultaat ${year}: baten min lasten`,
        en: `Result ${year}: income minus expenses`,
      },
      expected,
      actual: result.value,
      difference,
      tolerance,
      holds: Math.abs(difference) <= tolerance + 1e-9,
      inputs: [income, expenses, result].map((o) => ({ metric: o.metric, procedure: o.procedure, value: o.value })),
    }];
  });
}

function statedShare(share: StatedShare, get: Lookup, roundedTo: Map<string, number>): Check[] {
  const part = get(share.table, share.part, 'total', share.year);
  const whole = get(share.table, share.whole, 'total', share.year);
  if (!part || !whole) return [];
  const exact = (part.value / whole.value) * 100;
  // The share is stated in whole percents; the money figures carry their own rounding.
  const partHalf = half(roundedTo.get(share.part) ?? 1);
  const wholeHalf = half(roundedTo.get(share.whole) ?? 1);
  const spread = Math.max(
    Math.abs((part.value + partHalf) / (whole.value - wholeHalf) * 100 - exact),
    Math.abs((part.value - partHalf) / (whole.value + wholeHalf) * 100 - exact),
  );
  const tolerance = roundTo(0.5 + spread, 2);
  return [{
    id: share.id,
    table: share.table,
    year: share.year,
    kind: 'stated-share',
    metric: share.part,
    unit: 'percent',
    description: {
      nl: `Aandeel ${part.label.nl.toLowerCase()} in ${whole.label.nl.toLowerCase()} ${share.year}: in de tekst ${share.approximate ? 'circa ' : ''}${share.percent}%`,
      en: `Share of ${part.label.en.toLowerCase()} in ${whole.label.en.toLowerCase()} ${share.year}: stated as ${share.approximate ? 'about ' : ''}${share.percent}%`,
    },
    expected: roundTo(exact, 2),
    actual: share.percent,
    difference: roundTo(share.percent - exact, 2),
    tolerance,
    holds: Math.abs(share.percent - exact) <= tolerance,
    inputs: [part, whole].map((o) => ({ metric: o.metric, procedure: o.procedure, value: o.value })),
  }];
}

export function computeChecks(tables: TableInfo[], statedShares: StatedShare[], get: Lookup): Check[] {
  const checks: Check[] = [];
  for (const table of tables) {
    const roundedTo = new Map(table.metrics.map((m) => [m.id, m.roundedTo]));
    checks.push(...partsSum(table, get, roundedTo), ...weightedRate(table, get), ...financeResult(table, get, roundedTo));
  }
  for (const share of statedShares) {
    const table = tables.find((t) => t.id === share.table);
    if (table) checks.push(...statedShare(share, get, new Map(table.metrics.map((m) => [m.id, m.roundedTo]))));
  }
  return checks;
}
