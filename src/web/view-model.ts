import { percentOf, sum } from '../data/arithmetic.js';
import type { Dataset } from '../data/dataset.js';
import type { Delta, Footnote, MetricInfo, Observation, TableInfo } from '../data/types.js';
import type { Procedure, Unit } from '../domain.js';

/** The two years the pages compare: the report's year and the one before it. */
export function comparedYears(dataset: Dataset): { later: number; earlier: number } {
  const later = Math.max(...dataset.years);
  return { later, earlier: later - 1 };
}

export interface MetricRow {
  metric: MetricInfo;
  procedure: Procedure;
  later: Observation | undefined;
  earlier: Observation | undefined;
  delta: Delta | undefined;
  footnotes: Footnote[];
}

/** One row per metric (and procedure) of a table, with both years and the change between them. */
export function metricRows(dataset: Dataset, table: TableInfo, procedures: readonly Procedure[] = ['total']): MetricRow[] {
  const { later, earlier } = comparedYears(dataset);
  return table.metrics.flatMap((metric) =>
    procedures
      .filter((p) => metric.procedures.includes(p))
      .map((procedure) => ({
        metric,
        procedure,
        later: dataset.figure(table.id, metric.id, procedure, later),
        earlier: dataset.figure(table.id, metric.id, procedure, earlier),
        delta: dataset.deltasWhere({ table: [table.id], metric: [metric.id], procedure: [procedure], from: [earlier], to: [later] })[0],
        footnotes: procedure === 'total' ? table.footnotes.filter((f) => f.metric === metric.id) : [],
      })),
  );
}

/** Rows that can go in one comparison chart: same unit, both years present. */
export function chartableRows(rows: MetricRow[], unit: Unit): MetricRow[] {
  return rows.filter((r) => r.metric.unit === unit && r.later && r.earlier);
}

export interface ShareRow {
  metric: MetricInfo;
  year: number;
  total: number | null;
  tev: number;
  vvr: number;
  /** TEV's and VVR's shares of TEV + VVR in per cent, one decimal (derived); null for rates, which do not add up. */
  tevShare: number | null;
  vvrShare: number | null;
}

/** TEV and VVR per metric for one year, with their shares where the figures are counts. */
export function shareRows(dataset: Dataset, table: TableInfo, year: number): ShareRow[] {
  if (!table.hasBreakdown) return [];
  return dataset
    .breakdown(table.id)
    .filter((b) => b.year === year && b.tev !== null && b.vvr !== null)
    .map((b) => {
      const metric = table.metrics.find((m) => m.id === b.metric)!;
      const additive = metric.unit !== 'percent';
      const whole = sum([b.tev!, b.vvr!]);
      return {
        metric,
        year,
        total: b.total,
        tev: b.tev!,
        vvr: b.vvr!,
        tevShare: additive && whole !== 0 ? percentOf(b.tev!, whole) : null,
        vvrShare: additive && whole !== 0 ? percentOf(b.vvr!, whole) : null,
      };
    });
}
