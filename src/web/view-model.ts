import { percentOf, sum } from '../data/arithmetic.js';
import type { Dataset } from '../data/dataset.js';
import type { Delta, Footnote, MetricInfo, Observation, TableInfo } from '../data/types.js';
import type { Procedure, Unit } from '../domain.js';

/**
 * The years a table is compared over: its latest year with figures, and the year before it when
 * the table has figures for that year too (a change is only ever taken between consecutive years).
 */
export interface ComparedYears {
  later: number;
  earlier: number | undefined;
}

export function comparedYears(table: TableInfo): ComparedYears {
  const later = Math.max(...table.years);
  return { later, earlier: table.years.includes(later - 1) ? later - 1 : undefined };
}

/** The years of a table as columns, newest first. */
export const yearsNewestFirst = (table: TableInfo): number[] => [...table.years].sort((a, b) => b - a);

export interface MetricRow {
  metric: MetricInfo;
  procedure: Procedure;
  /** The row's figure per year, for the years asked for. */
  figures: Map<number, Observation>;
  /** The change between the compared years, when both have a figure. */
  delta: Delta | undefined;
  footnotes: Footnote[];
}

/** One row per metric (and procedure) of a table, with its figures in the given years and the latest change. */
export function metricRows(dataset: Dataset, table: TableInfo, years: number[], procedures: readonly Procedure[] = ['total']): MetricRow[] {
  const { later, earlier } = comparedYears(table);
  return table.metrics.flatMap((metric) =>
    procedures
      .filter((p) => metric.procedures.includes(p))
      .map((procedure) => {
        const figures = new Map<number, Observation>();
        for (const year of years) {
          const figure = dataset.figure(table.id, metric.id, procedure, year);
          if (figure) figures.set(year, figure);
        }
        const delta = earlier === undefined
          ? undefined
          : dataset.deltasWhere({ table: [table.id], metric: [metric.id], procedure: [procedure], from: [earlier], to: [later] })[0];
        return { metric, procedure, figures, delta, footnotes: procedure === 'total' ? table.footnotes.filter((f) => f.metric === metric.id) : [] };
      }),
  );
}

/** Rows that can go in one comparison chart: same unit, a figure in every one of the years. */
export function chartableRows(rows: MetricRow[], unit: Unit, years: number[]): MetricRow[] {
  return rows.filter((r) => r.metric.unit === unit && years.every((y) => r.figures.has(y)));
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

/** TEV and VVR per metric in the latest year that has both, with their shares where the figures are counts. */
export function shareRows(dataset: Dataset, table: TableInfo): ShareRow[] {
  if (!table.hasBreakdown) return [];
  const split = dataset.breakdown(table.id).filter((b) => b.tev !== null && b.vvr !== null);
  if (split.length === 0) return [];
  const year = Math.max(...split.map((b) => b.year));
  return split
    .filter((b) => b.year === year)
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
