import { percentOf, subtract } from './arithmetic.js';
import type { Delta, Observation, ValuePrecision } from './types.js';

const RANK = { exact: 0, rounded: 1, approximate: 2 } as const;

/** A change is as precise as its coarser input: approximate over rounded over exact, the larger step. */
function coarser(a: ValuePrecision, b: ValuePrecision): Pick<Delta, 'precision' | 'step'> {
  const precision = RANK[a.precision] >= RANK[b.precision] ? a.precision : b.precision;
  const steps = [a.step, b.step].filter((s): s is number => s !== null);
  return { precision, step: precision === 'rounded' && steps.length ? Math.max(...steps) : null };
}

/**
 * Year-over-year changes between consecutive years of the same table, metric and procedure.
 * `change` is in the metric's unit (percentage points for rates); `changePercent` is left null
 * for rates, whose change is already in points, and where the earlier value is 0.
 * A delta exists only where both years have a figure.
 */
export function computeDeltas(observations: Observation[]): Delta[] {
  const series = new Map<string, Observation[]>();
  for (const o of observations) {
    const key = `${o.table}\u0000${o.metric}\u0000${o.procedure}`;
    series.set(key, [...(series.get(key) ?? []), o]);
  }
  const deltas: Delta[] = [];
  for (const points of series.values()) {
    const byYear = new Map(points.map((p) => [p.year, p]));
    for (const from of [...byYear.values()].sort((a, b) => a.year - b.year)) {
      const to = byYear.get(from.year + 1);
      if (!to) continue;
      const change = subtract(to.value, from.value);
      deltas.push({
        table: from.table,
        metric: from.metric,
        procedure: from.procedure,
        unit: from.unit,
        label: to.label,
        from: from.year,
        to: to.year,
        fromValue: from.value,
        toValue: to.value,
        change,
        changePercent: from.unit === 'percent' || from.value === 0 ? null : percentOf(change, from.value),
        ...coarser(from, to),
      });
    }
  }
  return deltas;
}
