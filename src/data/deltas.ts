import { percentOf, subtract } from './arithmetic.js';
import type { Delta, Observation } from './types.js';

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
      });
    }
  }
  return deltas;
}
