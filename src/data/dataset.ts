import type Database from 'better-sqlite3';
import type { Procedure, Unit } from '../domain.js';
import { computeChecks } from './checks.js';
import { computeDeltas } from './deltas.js';
import { buildView, readStore, type StoreRows } from './load-dataset.js';
import { earliestDay, latestDay, releasesPublishedBy, releasesUpTo } from './releases.js';
import type { BreakdownRow, Check, Delta, HistoryEntry, Observation, Ranking, ReleaseInfo, ReportInfo, TableInfo } from './types.js';

/** Years to keep: an inclusive range, and/or the latest N years with data of each series. */
export interface YearWindow {
  startYear?: number;
  endYear?: number;
  lastN?: number;
}

export interface FigureFilter extends YearWindow {
  table?: string[];
  metric?: string[];
  procedure?: Procedure[];
  year?: number[];
  unit?: Unit[];
}

export interface DeltaFilter extends YearWindow {
  table?: string[];
  metric?: string[];
  procedure?: Procedure[];
  from?: number[];
  to?: number[];
}

/** What the API can be asked "as of": a release (it and every earlier one) or a date. */
export interface AsOf {
  release?: string;
  date?: string;
}

export interface SeriesPoint {
  year: number;
  value: number;
  precision: Observation['precision'];
  step: number | null;
  qualifier: Observation['qualifier'];
  release: string;
  approximate: boolean;
  revisedValue: number | null;
  /** Every release's value for this year, oldest first; `disagree` is true where they differ. */
  vintages: HistoryEntry[];
  disagree: boolean;
}

export interface Series {
  table: string;
  metric: string;
  procedure: Procedure;
  unit: Unit;
  label: Observation['label'];
  points: SeriesPoint[];
}

const keep = <T>(allowed: readonly T[] | undefined, value: T) => !allowed || allowed.includes(value);
const seriesKey = (o: { table: string; metric: string; procedure: string }) => `${o.table}\u0000${o.metric}\u0000${o.procedure}`;

/** Keeps the items within the window; `lastN` counts the latest years of each series separately. */
function inWindow<T extends { table: string; metric: string; procedure: string }>(items: T[], yearOf: (t: T) => number, w: YearWindow): T[] {
  let kept = items.filter((i) => (w.startYear === undefined || yearOf(i) >= w.startYear) && (w.endYear === undefined || yearOf(i) <= w.endYear));
  if (w.lastN !== undefined) {
    const years = new Map<string, number[]>();
    for (const i of kept) years.set(seriesKey(i), [...(years.get(seriesKey(i)) ?? []), yearOf(i)]);
    const cut = new Map([...years].map(([k, ys]) => [k, [...new Set(ys)].sort((a, b) => b - a).slice(0, w.lastN)]));
    kept = kept.filter((i) => cut.get(seriesKey(i))!.includes(yearOf(i)));
  }
  return kept;
}

/**
 * The query module: everything the API serves, derived once from a snapshot of the store.
 * It knows nothing of HTTP; routes call these methods and serialize what they return.
 * A Dataset is one view: every release, or those published as of a release or a date
 * (`asOf`, computed on first use and kept, as there are only as many views as releases).
 */
export class Dataset {
  /** The releases of this view, in publication order. */
  readonly releases: ReleaseInfo[];
  readonly tables: TableInfo[];
  readonly observations: Observation[];
  readonly rankings: Ranking[];
  readonly metricIds: string[];
  private readonly tableById: Map<string, TableInfo>;
  private readonly figureIndex: Map<string, Observation>;
  private readonly views: Map<string, Dataset>;
  private readonly raw: ReturnType<typeof buildView>;
  private computedDeltas?: Delta[];
  private computedChecks?: Check[];
  private byRelease?: Map<string, { figure: Observation; vintage: HistoryEntry }[]>;

  constructor(private readonly rows: StoreRows, included: ReadonlySet<string> = new Set(rows.releases.map((r) => r.id)), views = new Map<string, Dataset>()) {
    const raw = buildView(rows, included);
    this.views = views;
    this.releases = raw.releases;
    this.tables = raw.tables;
    this.observations = raw.observations;
    this.rankings = raw.rankings;
    this.tableById = new Map(raw.tables.map((t) => [t.id, t]));
    this.figureIndex = new Map(raw.observations.map((o) => [Dataset.key(o.table, o.metric, o.procedure, o.year), o]));
    this.metricIds = [...new Set(raw.tables.flatMap((t) => t.metrics.map((m) => m.id)))].sort();
    this.raw = raw;
  }

  // Deltas and checks are derived on first use, so that start-up does not wait for them.
  get deltas(): Delta[] {
    return (this.computedDeltas ??= computeDeltas(this.raw.observations));
  }

  get checks(): Check[] {
    return (this.computedChecks ??= computeChecks(this.raw, (t, m, p, y) => this.figure(t, m, p, y)));
  }

  static fromStore(sqlite: Database.Database): Dataset {
    return new Dataset(readStore(sqlite));
  }

  private static key(table: string, metric: string, procedure: string, year: number) {
    return `${table}\u0000${metric}\u0000${procedure}\u0000${year}`;
  }

  /** Every release in the store, whatever this view includes. */
  get allReleases(): ReleaseInfo[] {
    return this.rows.releases;
  }

  /**
   * The data as it stood after a release (it and every release before it) or on a date (the
   * releases certainly out by then). Undefined for an unknown release.
   */
  asOf(at: AsOf): Dataset | undefined {
    let chosen = this.rows.releases;
    if (at.release !== undefined) {
      chosen = releasesUpTo(chosen, at.release);
      if (chosen.length === 0) return undefined;
    }
    if (at.date !== undefined) chosen = releasesPublishedBy(chosen, at.date);
    if (chosen.length === this.rows.releases.length) return this.views.get('') ?? this;
    const key = chosen.map((r) => r.id).join(',');
    let view = this.views.get(key);
    if (!view) {
      view = new Dataset(this.rows, new Set(chosen.map((r) => r.id)), this.views);
      this.views.set(key, view);
    }
    return view;
  }

  /** The release whose citation the dataset gives: the latest one that states a citation of its own. */
  get latestReport(): ReportInfo {
    const cited = [...this.rows.releases].reverse().find((r) => r.citationStated) ?? this.rows.releases[this.rows.releases.length - 1]!;
    const years = this.observations.filter((o) => o.history.some((h) => h.release === cited.id)).map((o) => o.year);
    return { id: cited.id, year: years.length ? Math.max(...years) : (this.years.at(-1) ?? 0), title: cited.name, publisher: cited.publisher, citation: cited.citation };
  }

  /** The newest release of this view: its first possible day is when the data last changed. */
  get lastModified(): Date | null {
    const newest = this.releases.map((r) => r.published.date ?? earliestDay(r.published.known)).sort().pop();
    return newest ? new Date(`${newest}T00:00:00Z`) : null;
  }

  /** The first day the data can have been published: the oldest release's (YYYY-MM-DD). */
  get issued(): string | null {
    const first = this.releases[0];
    return first ? (first.published.date ?? earliestDay(first.published.known)) : null;
  }

  /** The day of the newest release (YYYY-MM-DD): when the data last changed. */
  get modified(): string | null {
    return this.lastModified?.toISOString().slice(0, 10) ?? null;
  }

  get years(): number[] {
    return [...new Set(this.tables.flatMap((t) => t.years))].sort((a, b) => a - b);
  }

  /**
   * The latest instant a figure can have changed: the end of the last day its newest release can
   * have appeared (a release known only to a year counts to that year's end, so no change is missed).
   */
  updatedAt(figure: Observation): Date {
    const days = figure.history.flatMap((h) => {
      const published = this.release(h.release)?.published;
      return published ? [published.date ?? latestDay(published.known)] : [];
    });
    return new Date(`${days.sort().pop() ?? '1970-01-01'}T23:59:59Z`);
  }

  release(id: string): ReleaseInfo | undefined {
    return this.rows.releases.find((r) => r.id === id);
  }

  /** The figures a release published, with the value it gave (which need not be the current one). */
  publishedBy(release: string): { figure: Observation; vintage: HistoryEntry }[] {
    if (!this.byRelease) {
      // One pass over every figure's history on first use, instead of one per release asked about.
      this.byRelease = new Map();
      for (const figure of this.observations) {
        for (const vintage of figure.history) {
          const list = this.byRelease.get(vintage.release) ?? [];
          if (list.length === 0) this.byRelease.set(vintage.release, list);
          list.push({ figure, vintage });
        }
      }
    }
    return [...(this.byRelease.get(release) ?? [])];
  }

  table(id: string): TableInfo | undefined {
    return this.tableById.get(id);
  }

  figure(table: string, metric: string, procedure: Procedure, year: number): Observation | undefined {
    return this.figureIndex.get(Dataset.key(table, metric, procedure, year));
  }

  figures(filter: FigureFilter = {}): Observation[] {
    const matches = this.observations.filter(
      (o) =>
        keep(filter.table, o.table) &&
        keep(filter.metric, o.metric) &&
        keep(filter.procedure, o.procedure) &&
        keep(filter.year, o.year) &&
        keep(filter.unit, o.unit),
    );
    return inWindow(matches, (o) => o.year, filter);
  }

  deltasWhere(filter: DeltaFilter = {}): Delta[] {
    const matches = this.deltas.filter(
      (d) =>
        keep(filter.table, d.table) &&
        keep(filter.metric, d.metric) &&
        keep(filter.procedure, d.procedure) &&
        keep(filter.from, d.from) &&
        keep(filter.to, d.to) &&
        (filter.startYear === undefined || d.from >= filter.startYear) &&
        (filter.endYear === undefined || d.to <= filter.endYear),
    );
    return inWindow(matches, (d) => d.to, { lastN: filter.lastN });
  }

  /** One series per table, metric and procedure, oldest year first, each point with its vintages. */
  series(filter: FigureFilter = {}): Series[] {
    const bySeries = new Map<string, Series>();
    for (const o of [...this.figures(filter)].sort((a, b) => a.year - b.year)) {
      const key = seriesKey(o);
      let s = bySeries.get(key);
      if (!s) {
        s = { table: o.table, metric: o.metric, procedure: o.procedure, unit: o.unit, label: o.label, points: [] };
        bySeries.set(key, s);
      }
      s.points.push({
        year: o.year,
        value: o.value,
        precision: o.precision,
        step: o.step,
        qualifier: o.qualifier,
        release: o.source.release,
        approximate: o.approximate,
        revisedValue: o.revisedValue,
        vintages: o.history,
        disagree: new Set(o.history.map((h) => h.value)).size > 1,
      });
    }
    return [...bySeries.values()];
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
