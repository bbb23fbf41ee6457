import type { Orm } from '../db/open.js';
import type { Procedure, Unit } from '../domain.js';
import { computeChecks } from './checks.js';
import { computeDeltas } from './deltas.js';
import { readStore, type RawData } from './load-dataset.js';
import type { BreakdownRow, Check, Delta, Observation, Ranking, ReportInfo, TableInfo } from './types.js';

export interface FigureFilter {
  table?: string[];
  metric?: string[];
  procedure?: Procedure[];
  year?: number[];
  unit?: Unit[];
}

export interface DeltaFilter {
  table?: string[];
  metric?: string[];
  procedure?: Procedure[];
  from?: number[];
  to?: number[];
}

const keep = <T>(allowed: readonly T[] | undefined, value: T) => !allowed || allowed.includes(value);

/**
 * The query module: everything the API serves, derived once from a snapshot of the store.
 * It knows nothing of HTTP; routes call these methods and serialize what they return.
 */
export class Dataset {
  readonly reports: ReportInfo[];
  readonly tables: TableInfo[];
  readonly observations: Observation[];
  readonly deltas: Delta[];
  readonly checks: Check[];
  readonly rankings: Ranking[];
  readonly metricIds: string[];
  private readonly tableById: Map<string, TableInfo>;
  private readonly figureIndex: Map<string, Observation>;

  constructor(raw: RawData) {
    this.reports = raw.reports;
    this.tables = raw.tables;
    this.observations = raw.observations;
    this.rankings = raw.rankings;
    this.tableById = new Map(raw.tables.map((t) => [t.id, t]));
    this.figureIndex = new Map(raw.observations.map((o) => [Dataset.key(o.table, o.metric, o.procedure, o.year), o]));
    this.metricIds = [...new Set(raw.tables.flatMap((t) => t.metrics.map((m) => m.id)))].sort();
    this.deltas = computeDeltas(raw.observations);
    this.checks = computeChecks(raw.tables, raw.statedShares, (t, m, p, y) => this.figure(t, m, p, y));
  }

  static fromStore(orm: Orm): Dataset {
    return new Dataset(readStore(orm));
  }

  private static key(table: string, metric: string, procedure: string, year: number) {
    return `${table}\u0000${metric}\u0000${procedure}\u0000${year}`;
  }

  /** The report whose figures are served where reports disagree. */
  get latestReport(): ReportInfo {
    return this.reports[this.reports.length - 1]!;
  }

  get years(): number[] {
    return [...new Set(this.tables.flatMap((t) => t.years))].sort((a, b) => a - b);
  }

  table(id: string): TableInfo | undefined {
    return this.tableById.get(id);
  }

  figure(table: string, metric: string, procedure: Procedure, year: number): Observation | undefined {
    return this.figureIndex.get(Dataset.key(table, metric, procedure, year));
  }

  figures(filter: FigureFilter = {}): Observation[] {
    return this.observations.filter(
      (o) =>
        keep(filter.table, o.table) &&
        keep(filter.metric, o.metric) &&
        keep(filter.procedure, o.procedure) &&
        keep(filter.year, o.year) &&
        keep(filter.unit, o.unit),
    );
  }

  deltasWhere(filter: DeltaFilter = {}): Delta[] {
    return this.deltas.filter(
      (d) =>
        keep(filter.table, d.table) &&
        keep(filter.metric, d.metric) &&
        keep(filter.procedure, d.procedure) &&
        keep(filter.from, d.from) &&
        keep(filter.to, d.to),
    );
  }

  nationalities(tables?: string[], years?: number[]): Ranking[] {
    return this.rankings.filter((r) => keep(tables, r.table) && keep(years, r.year));
  }

  checksWhere(tables?: string[], holds?: boolean): Check[] {
    return this.checks.filter((c) => keep(tables, c.table) && (holds === undefined || c.holds === holds));
  }

  /** TEV and VVR beside the total, per metric and year, with the check that ties them. */
  breakdown(tableId: string): BreakdownRow[] {
    const table = this.tableById.get(tableId);
    if (!table) return [];
    const rows: BreakdownRow[] = [];
    for (const metric of table.metrics) {
      for (const year of [...table.years].reverse()) {
        const valueOf = (p: Procedure) => this.figure(tableId, metric.id, p, year)?.value ?? null;
        const total = valueOf('total');
        const tev = valueOf('tev');
        const vvr = valueOf('vvr');
        if (total === null && tev === null && vvr === null) continue;
        const check = this.checks.find(
          (c) => c.table === tableId && c.year === year && c.metric === metric.id && (c.kind === 'parts-sum' || c.kind === 'weighted-rate'),
        ) ?? null;
        rows.push({ metric: metric.id, year, unit: metric.unit, label: metric.label, total, tev, vvr, agrees: check ? check.holds : null, check });
      }
    }
    return rows;
  }
}
