import { asc } from 'drizzle-orm';
import type { Orm } from '../db/open.js';
import * as s from '../db/schema.js';
import { PROCEDURES, type Procedure, type Unit } from '../domain.js';
import { decimalsOf } from './arithmetic.js';
import type { Footnote, MetricInfo, Observation, Ranking, ReportInfo, TableInfo } from './types.js';

export interface StatedShare {
  id: string;
  table: string;
  year: number;
  part: string;
  whole: string;
  percent: number;
  approximate: boolean;
  section: string;
}

export interface RawData {
  reports: ReportInfo[];
  tables: TableInfo[];
  observations: Observation[];
  rankings: Ranking[];
  statedShares: StatedShare[];
}

const byProcedure = (a: Procedure, b: Procedure) => PROCEDURES.indexOf(a) - PROCEDURES.indexOf(b);

/**
 * Reads the whole store once. The store is read-only while serving, so everything the API
 * answers can be derived from this snapshot without further SQL.
 * Where several reports give the same figure, the latest report's value is served and every
 * report's value is kept in `history`.
 */
export function readStore(orm: Orm): RawData {
  const reportRows = orm.select().from(s.reports).orderBy(asc(s.reports.year)).all();
  const reportRank = new Map(reportRows.map((r, i) => [r.id, i]));
  const reports: ReportInfo[] = reportRows.map((r) => ({
    id: r.id,
    year: r.year,
    title: { nl: r.titleNl, en: r.titleEn },
    publisher: { nl: r.publisherNl, en: r.publisherEn },
    citation: { nl: r.citationNl, en: r.citationEn },
  }));

  const footnoteRows = orm.select().from(s.footnotes).all();
  const footnoteKey = (report: string, id: string) => `${report}\u0000${id}`;
  const footnoteById = new Map(footnoteRows.map((f) => [footnoteKey(f.reportId, f.id), f]));
  const links = orm.select().from(s.observationFootnotes).all();
  const figureKey = (t: string, m: string, p: string, y: number) => `${t}\u0000${m}\u0000${p}\u0000${y}`;
  const linksOf = new Map<string, string[]>();
  for (const l of links) {
    const k = `${l.reportId}\u0000${figureKey(l.tableId, l.metricId, l.procedure, l.year)}`;
    linksOf.set(k, [...(linksOf.get(k) ?? []), l.footnoteId]);
  }

  // Latest report wins; earlier values go into history.
  const rows = orm.select().from(s.observations).all()
    .sort((a, b) => (reportRank.get(a.reportId) ?? 0) - (reportRank.get(b.reportId) ?? 0));
  const current = new Map<string, Observation>();
  for (const o of rows) {
    const key = figureKey(o.tableId, o.metricId, o.procedure, o.year);
    const history = [...(current.get(key)?.history ?? []), { report: o.reportId, value: o.value }];
    const footnotes = (linksOf.get(`${o.reportId}\u0000${key}`) ?? []).map((id) => {
      const f = footnoteById.get(footnoteKey(o.reportId, id))!;
      return { id: f.id, nl: f.textNl, en: f.textEn };
    });
    current.set(key, {
      table: o.tableId,
      metric: o.metricId,
      procedure: o.procedure as Procedure,
      year: o.year,
      value: o.value,
      unit: 'count', // set from the metric below
      label: { nl: o.labelNl, en: o.labelEn },
      approximate: o.approximate,
      revisedValue: o.revisedValue,
      footnotes,
      source: { report: o.reportId, section: o.section, row: o.printedRow, inText: o.inText },
      history,
    });
  }

  const tableRows = orm.select().from(s.statTables).orderBy(asc(s.statTables.position)).all();
  const metricRows = orm.select().from(s.metrics).orderBy(asc(s.metrics.tableId), asc(s.metrics.position)).all();
  const observations = [...current.values()];
  const tablePosition = new Map(tableRows.map((t, i) => [t.id, i]));
  const metricPosition = new Map(metricRows.map((m) => [`${m.tableId}\u0000${m.id}`, m.position]));
  observations.sort(
    (a, b) =>
      (tablePosition.get(a.table) ?? 0) - (tablePosition.get(b.table) ?? 0) ||
      (metricPosition.get(`${a.table}\u0000${a.metric}`) ?? 0) - (metricPosition.get(`${b.table}\u0000${b.metric}`) ?? 0) ||
      b.year - a.year ||
      byProcedure(a.procedure, b.procedure),
  );

  const tables: TableInfo[] = tableRows.map((t) => {
    const own = observations.filter((o) => o.table === t.id);
    const metrics: MetricInfo[] = metricRows
      .filter((m) => m.tableId === t.id)
      .map((m) => {
        const figures = own.filter((o) => o.metric === m.id);
        for (const f of figures) f.unit = m.unit as Unit;
        const latest = figures.reduce<Observation | undefined>(
          (best, f) => (!best || (reportRank.get(f.source.report) ?? 0) > (reportRank.get(best.source.report) ?? 0) ? f : best),
          undefined,
        );
        return {
          id: m.id,
          unit: m.unit as Unit,
          label: latest?.label ?? { nl: m.id, en: m.id },
          roundedTo: m.roundedTo,
          decimals: Math.max(0, decimalsOf(m.roundedTo), ...figures.map((f) => decimalsOf(f.value))),
          procedures: [...new Set(figures.map((f) => f.procedure))].sort(byProcedure),
        };
      })
      .filter((m) => m.procedures.length > 0);
    const procedures = [...new Set(own.map((o) => o.procedure))].sort(byProcedure);
    const latestFootnotes = new Map<string, Footnote>();
    for (const f of footnoteRows.filter((f) => f.tableId === t.id).sort((a, b) => (reportRank.get(a.reportId) ?? 0) - (reportRank.get(b.reportId) ?? 0))) {
      latestFootnotes.set(f.id, { id: f.id, marker: f.marker, metric: f.metricId, nl: f.textNl, en: f.textEn });
    }
    return {
      id: t.id,
      heading: t.heading,
      title: { nl: t.titleNl, en: t.titleEn },
      description: { nl: t.descriptionNl, en: t.descriptionEn },
      years: [...new Set(own.map((o) => o.year))].sort((a, b) => a - b),
      procedures,
      metrics,
      hasBreakdown: procedures.includes('tev') || procedures.includes('vvr'),
      footnotes: [...latestFootnotes.values()],
    };
  });

  // A ranking restated by a later report replaces the earlier one for the same table and year.
  const rankingRows = orm.select().from(s.rankings).all()
    .sort((a, b) => (reportRank.get(a.reportId) ?? 0) - (reportRank.get(b.reportId) ?? 0));
  const rankingByKey = new Map<string, Ranking[]>();
  const lastReportOf = new Map<string, string>();
  for (const r of rankingRows) lastReportOf.set(`${r.tableId}\u0000${r.year}`, r.reportId);
  for (const r of rankingRows) {
    const k = `${r.tableId}\u0000${r.year}`;
    if (lastReportOf.get(k) !== r.reportId) continue;
    rankingByKey.set(k, [...(rankingByKey.get(k) ?? []), {
      table: r.tableId, year: r.year, rank: r.rank, country: r.country,
      label: { nl: r.labelNl, en: r.labelEn }, basis: { nl: r.basisNl, en: r.basisEn }, report: r.reportId,
    }]);
  }
  const rankings = [...rankingByKey.values()].flat().sort(
    (a, b) => (tablePosition.get(a.table) ?? 0) - (tablePosition.get(b.table) ?? 0) || b.year - a.year || a.rank - b.rank,
  );

  const statedShares = orm.select().from(s.statedShares).all().map((r) => ({
    id: r.id, table: r.tableId, year: r.year, part: r.partMetricId, whole: r.wholeMetricId,
    percent: r.percent, approximate: r.approximate, section: r.section,
  }));

  return { reports, tables, observations, rankings, statedShares };
}
