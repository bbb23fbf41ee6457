import { roundTo, subtract, sum } from './arithmetic.js';
import type { RawData, StatedShare, SumIdentityRow, WeightedRateRow } from './load-dataset.js';
import type { Check, CheckInput, HistoryEntry, Observation, TableInfo } from './types.js';
import type { Procedure } from '../domain.js';

/**
 * The identities the published figures should satisfy, tested with the slack their rounding
 * allows: a value rounded to a step may be off by half that step, an exact one not at all, so the
 * tolerance of an identity is the sum of the half-steps of the values it involves.
 */

type Lookup = (table: string, metric: string, procedure: Procedure, year: number) => Observation | undefined;

const half = (step: number | null) => (step ?? 0) / 2;

/** The rounding slack of a served value; an approximate one counts with its metric's printing step. */
function slack(o: Observation, roundedTo: number): number {
  return o.precision === 'approximate' ? half(roundedTo) : half(o.step);
}

const input = (o: Observation): CheckInput => ({
  table: o.table, metric: o.metric, procedure: o.procedure, year: o.year, value: o.value,
  release: o.source.release, precision: o.precision, step: o.step,
});

function verdict(difference: number, tolerance: number) {
  const holds = Math.abs(difference) <= tolerance + 1e-9;
  return { holds, status: holds ? ('holds' as const) : ('fails' as const) };
}

function partsSum(table: TableInfo, get: Lookup): Check[] {
  const checks: Check[] = [];
  for (const metric of table.metrics.filter((m) => m.unit !== 'percent')) {
    for (const year of table.years) {
      const total = get(table.id, metric.id, 'total', year);
      const tev = get(table.id, metric.id, 'tev', year);
      const vvr = get(table.id, metric.id, 'vvr', year);
      if (!total || !tev || !vvr) continue;
      const expected = sum([tev.value, vvr.value]);
      const difference = subtract(total.value, expected);
      const tolerance = 3 * half(metric.roundedTo);
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
        ...verdict(difference, tolerance),
        inputs: [tev, vvr, total].map(input),
      });
    }
  }
  return checks;
}

/** A total rate is the procedures' rates weighted by their counts (grant rates by decisions). */
function weightedRate(table: TableInfo, identity: WeightedRateRow, get: Lookup): Check[] {
  const checks: Check[] = [];
  const rate = table.metrics.find((m) => m.id === identity.rate);
  if (!rate || !table.metrics.some((m) => m.id === identity.weight)) return checks;
  const parts = table.procedures.filter((p) => p !== 'total');
  for (const year of table.years) {
    const pairs = parts.map((p) => ({ r: get(table.id, identity.rate, p, year), d: get(table.id, identity.weight, p, year) }));
    const total = get(table.id, identity.rate, 'total', year);
    if (!total || pairs.length < 2 || pairs.some((p) => !p.r || !p.d)) continue;
    const weight = pairs.reduce((acc, p) => acc + p.d!.value, 0);
    const exact = pairs.reduce((acc, p) => acc + p.r!.value * p.d!.value, 0) / weight;
    const difference = roundTo(total.value - exact, 2);
    // Half a step for the printed total, half a step for the printed part rates.
    const tolerance = 2 * half(rate.roundedTo);
    checks.push({
      id: `${table.id}-${identity.rate}-${year}-weighted`,
      table: table.id,
      year,
      kind: 'weighted-rate',
      metric: identity.rate,
      unit: rate.unit,
      description: { nl: `${identity.description.nl} (${year})`, en: `${identity.description.en} (${year})` },
      expected: roundTo(exact, 2),
      actual: total.value,
      difference,
      tolerance,
      ...verdict(total.value - exact, tolerance),
      inputs: pairs.flatMap((p) => [p.r!, p.d!]).concat(total).map(input),
    });
  }
  return checks;
}

/** A total and its signed parts, possibly across tables, for every year all of them are given. */
function sumIdentity(identity: SumIdentityRow, tables: TableInfo[], get: Lookup): Check[] {
  const metricOf = (t: string, m: string) => tables.find((x) => x.id === t)?.metrics.find((x) => x.id === m);
  const totalMetric = metricOf(identity.total.table, identity.total.metric);
  if (!totalMetric) return [];
  return totalMetric.years.flatMap((year) => {
    const total = get(identity.total.table, identity.total.metric, identity.total.procedure, year);
    const parts = identity.parts.map((p) => ({ sign: p.sign, o: get(p.table, p.metric, p.procedure, year), m: metricOf(p.table, p.metric) }));
    if (!total || parts.some((p) => !p.o || !p.m)) return [];
    const expected = sum(parts.map((p) => p.sign * p.o!.value));
    const difference = subtract(total.value, expected);
    const tolerance = roundTo(slack(total, totalMetric.roundedTo) + parts.reduce((acc, p) => acc + slack(p.o!, p.m!.roundedTo), 0), 6);
    return [{
      id: `${identity.id}-${year}`,
      table: identity.total.table,
      year,
      kind: 'sum' as const,
      metric: identity.total.metric,
      unit: totalMetric.unit,
      description: { nl: `${identity.description.nl} (${year})`, en: `${identity.description.en} (${year})` },
      expected,
      actual: total.value,
      difference,
      tolerance,
      ...verdict(difference, tolerance),
      inputs: [...parts.map((p) => p.o!), total].map(input),
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
    ...verdict(share.percent - exact, tolerance),
    inputs: [part, whole].map(input),
  }];
}

const vintageInput = (o: Observation, v: HistoryEntry): CheckInput => ({
  table: o.table, metric: o.metric, procedure: o.procedure, year: o.year, value: v.value,
  release: v.release, precision: v.precision, step: v.step,
});

/**
 * Every two vintages of one quantity, exact or rounded, must agree within their rounding
 * (18,171 exact and 18,170 in tens do). Approximate values ("just over 4,000") are not compared.
 */
function vintageAgreement(o: Observation): Check[] {
  const comparable = o.history.filter((v) => v.precision !== 'approximate');
  const checks: Check[] = [];
  for (let i = 0; i < comparable.length; i++) {
    for (let j = i + 1; j < comparable.length; j++) {
      const [a, b] = [comparable[i]!, comparable[j]!];
      if (a.release === b.release && a.revision === b.revision) continue;
      const difference = subtract(b.value, a.value);
      const tolerance = half(a.step) + half(b.step);
      const name = (v: HistoryEntry) => `${v.release}${v.revision ? '-revision' : ''}`;
      checks.push({
        id: `${o.table}-${o.metric}-${o.procedure}-${o.year}-${name(a)}-vs-${name(b)}`,
        table: o.table,
        year: o.year,
        kind: 'vintage-agreement',
        metric: o.metric,
        unit: o.unit,
        description: {
          nl: `${o.label.nl} ${o.year}: ${name(a)} en ${name(b)} stemmen overeen binnen hun afronding`,
          en: `${o.label.en} ${o.year}: ${name(a)} and ${name(b)} agree within their rounding`,
        },
        expected: a.value,
        actual: b.value,
        difference,
        tolerance,
        ...verdict(difference, tolerance),
        inputs: [vintageInput(o, a), vintageInput(o, b)],
      });
    }
  }
  return checks;
}

/** A release that printed a figure under another year than the one it belongs to: listed, never silently mended. */
function yearLabels(o: Observation): Check[] {
  return o.history.filter((v) => v.printedYear !== null).map((v) => ({
    id: `${o.table}-${o.metric}-${o.procedure}-${o.year}-${v.release}-year-label`,
    table: o.table,
    year: o.year,
    kind: 'year-label' as const,
    metric: o.metric,
    unit: o.unit,
    description: {
      nl: `${o.label.nl}: ${v.release} drukt dit cijfer af bij ${v.printedYear}; de eigen reeksen van de IND plaatsen het in ${o.year}, waar het hier staat`,
      en: `${o.label.en}: ${v.release} prints this figure under ${v.printedYear}; the IND's own series place it in ${o.year}, where it is recorded here`,
    },
    expected: o.year,
    actual: v.printedYear!,
    difference: v.printedYear! - o.year,
    tolerance: 0,
    holds: false,
    status: 'fails' as const,
    inputs: [vintageInput(o, v)],
  }));
}

export function computeChecks(raw: Pick<RawData, 'tables' | 'observations' | 'statedShares' | 'sums' | 'weightedRates'>, get: Lookup): Check[] {
  const checks: Check[] = [];
  for (const table of raw.tables) {
    checks.push(...partsSum(table, get), ...raw.weightedRates.flatMap((w) => weightedRate(table, w, get)));
  }
  for (const identity of raw.sums) checks.push(...sumIdentity(identity, raw.tables, get));
  for (const share of raw.statedShares) {
    const table = raw.tables.find((t) => t.id === share.table);
    if (table) checks.push(...statedShare(share, get, new Map(table.metrics.map((m) => [m.id, m.roundedTo]))));
  }
  for (const o of raw.observations) checks.push(...vintageAgreement(o), ...yearLabels(o));
  return checks;
}
