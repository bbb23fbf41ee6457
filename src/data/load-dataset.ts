import type Database from 'better-sqlite3';
import type * as s from '../db/schema.js';
import { PROCEDURES, type DateBasis, type Language, type Precision, type Procedure, type Qualifier, type ReleaseKind, type Unit } from '../domain.js';
import { decimalsOf } from './arithmetic.js';
import { compareReleases, currentVintage } from './releases.js';
import type { Footnote, HistoryEntry, MetricInfo, Observation, Ranking, ReleaseInfo, TableInfo } from './types.js';

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

export interface SumIdentityRow {
  id: string;
  description: { nl: string; en: string };
  total: { table: string; metric: string; procedure: Procedure };
  parts: { table: string; metric: string; procedure: Procedure; sign: 1 | -1 }[];
}

export interface WeightedRateRow {
  rate: string;
  weight: string;
  description: { nl: string; en: string };
}

/** Everything the store holds, read once; views of it (as of a release or date) are derived without SQL. */
export interface StoreRows {
  releases: ReleaseInfo[];
  tables: (typeof s.statTables.$inferSelect)[];
  metrics: (typeof s.metrics.$inferSelect)[];
  observations: (typeof s.observations.$inferSelect)[];
  footnotes: (typeof s.footnotes.$inferSelect)[];
  links: (typeof s.observationFootnotes.$inferSelect)[];
  rankings: (typeof s.rankings.$inferSelect)[];
  statedShares: (typeof s.statedShares.$inferSelect & { releaseId: string })[];
  sums: SumIdentityRow[];
  weightedRates: WeightedRateRow[];
}

/** What one view of the data holds: only the releases it includes count. */
export interface RawData {
  releases: ReleaseInfo[];
  tables: TableInfo[];
  observations: Observation[];
  rankings: Ranking[];
  statedShares: StatedShare[];
  sums: SumIdentityRow[];
  weightedRates: WeightedRateRow[];
}

const byProcedure = (a: Procedure, b: Procedure) => PROCEDURES.indexOf(a) - PROCEDURES.indexOf(b);
const localized = (nl: string | null, en: string | null) => (nl !== null && en !== null ? { nl, en } : null);

function releaseInfo(r: typeof s.releases.$inferSelect): ReleaseInfo {
  const name = localized(r.nameNl, r.nameEn) ?? { nl: r.title, en: r.title };
  const stated = localized(r.citationNl, r.citationEn);
  const composed = (lang: Language) =>
    [lang === 'nl' ? r.publisherNl : r.publisherEn, `"${r.title}"`, r.publishedKnown, r.url].filter(Boolean).join(', ') + '.';
  return {
    id: r.id,
    title: r.title,
    name,
    language: r.language as ReleaseInfo['language'],
    publisher: { nl: r.publisherNl, en: r.publisherEn },
    url: r.url,
    kind: r.kind as ReleaseKind,
    published: { date: r.publishedDate, known: r.publishedKnown, basis: r.publishedBasis as DateBasis },
    citation: stated ?? { nl: composed('nl'), en: composed('en') },
    citationStated: stated !== null,
    note: localized(r.noteNl, r.noteEn),
  };
}

/** The columns src/db/schema.ts declares in boolean mode: SQLite holds them as 0 and 1. */
const BOOLEAN_COLUMNS = new Set(['cumulative', 'in_text', 'ordered', 'approximate']);
const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Every row of a table, as the schema's `$inferSelect` types them (what drizzle's `select()`
 * gives): properties in camelCase, in column order, booleans as booleans. Serving reads the store
 * once with plain statements, so start-up loads no query builder; test/data/read-store.test.ts
 * holds this to drizzle's answer for every table.
 */
export function readTable<Row>(sqlite: Database.Database, table: string, orderBy = ''): Row[] {
  const statement = sqlite.prepare(`select * from "${table}"${orderBy && ` order by "${orderBy}"`}`).raw();
  const columns = statement.columns().map((c) => ({ key: camelCase(c.name), boolean: BOOLEAN_COLUMNS.has(c.name) }));
  return (statement.all() as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    columns.forEach((c, i) => (row[c.key] = c.boolean ? values[i] === 1 : values[i]));
    return row as Row;
  });
}

/** Reads the whole store once. The store is read-only while serving. */
export function readStore(sqlite: Database.Database): StoreRows {
  const releases = readTable<typeof s.releases.$inferSelect>(sqlite, 'releases').map(releaseInfo).sort(compareReleases);
  const parts = readTable<typeof s.sumIdentityParts.$inferSelect>(sqlite, 'sum_identity_parts', 'position');
  return {
    releases,
    tables: readTable(sqlite, 'stat_tables', 'position'),
    metrics: readTable(sqlite, 'metrics', 'position'),
    observations: readTable(sqlite, 'observations'),
    footnotes: readTable(sqlite, 'footnotes'),
    links: readTable(sqlite, 'observation_footnotes'),
    rankings: readTable(sqlite, 'rankings'),
    statedShares: readTable(sqlite, 'stated_shares'),
    sums: readTable<typeof s.sumIdentities.$inferSelect>(sqlite, 'sum_identities').map((i) => ({
      id: i.id,
      description: { nl: i.descriptionNl, en: i.descriptionEn },
      total: { table: i.tableId, metric: i.metricId, procedure: i.procedure as Procedure },
      parts: parts.filter((p) => p.identityId === i.id)
        .map((p) => ({ table: p.tableId, metric: p.metricId, procedure: p.procedure as Procedure, sign: p.sign as 1 | -1 })),
    })),
    weightedRates: readTable<typeof s.weightedRates.$inferSelect>(sqlite, 'weighted_rates').map((w) => ({
      rate: w.rateMetricId, weight: w.weightMetricId, description: { nl: w.descriptionNl, en: w.descriptionEn },
    })),
  };
}

const figureKey = (t: string, m: string, p: string, y: number) => `${t}\u0000${m}\u0000${p}\u0000${y}`;

/**
 * The data as the included releases tell it. Every figure's vintages are kept oldest release
 * first; its value follows `currentVintage`. Rankings and footnotes come from the latest release
 * that gives them.
 */
export function buildView(rows: StoreRows, included: ReadonlySet<string>): RawData {
  const releases = rows.releases.filter((r) => included.has(r.id));
  const rank = new Map(releases.map((r, i) => [r.id, i]));
  const releaseById = new Map(releases.map((r) => [r.id, r]));
  const inView = <T extends { releaseId: string }>(list: T[]) =>
    list.filter((x) => rank.has(x.releaseId)).sort((a, b) => rank.get(a.releaseId)! - rank.get(b.releaseId)!);

  const footnoteById = new Map(rows.footnotes.map((f) => [`${f.releaseId}\u0000${f.id}`, f]));
  const linksOf = new Map<string, string[]>();
  for (const l of rows.links) {
    const k = `${l.releaseId}\u0000${figureKey(l.tableId, l.metricId, l.procedure, l.year)}`;
    linksOf.set(k, [...(linksOf.get(k) ?? []), l.footnoteId]);
  }
  const unitOf = new Map(rows.metrics.map((m) => [`${m.tableId}\u0000${m.id}`, m.unit as Unit]));

  const grouped = new Map<string, (typeof rows.observations)[number][]>();
  for (const o of inView(rows.observations)) {
    const key = figureKey(o.tableId, o.metricId, o.procedure, o.year);
    grouped.set(key, [...(grouped.get(key) ?? []), o]);
  }
  const observations: Observation[] = [];
  for (const [key, vintages] of grouped) {
    const printed: HistoryEntry[] = vintages.map((o) => ({
      release: o.releaseId,
      value: o.value,
      precision: o.precision as Precision,
      step: o.step,
      qualifier: o.qualifier as Qualifier | null,
      note: localized(o.noteNl, o.noteEn),
      printedYear: o.printedYear,
      revision: false,
    }));
    const chosen = currentVintage(printed)!;
    const row = vintages[printed.indexOf(chosen)]!;
    // The latest release's own correction of its value (a footnote's closer count) travels with it.
    const revised = [...vintages].reverse().find((o) => o.revisedValue !== null);
    const history = printed.flatMap((entry, i) => {
      const o = vintages[i]!;
      if (o.revisedValue === null) return [entry];
      const revision: HistoryEntry = {
        release: o.releaseId, value: o.revisedValue, precision: 'exact', step: null, qualifier: null, printedYear: null, revision: true,
        note: { nl: 'Nadere telling die dezelfde publicatie in een voetnoot geeft.', en: 'A closer count the same release gives in a footnote.' },
      };
      return [entry, revision];
    });
    // A footnote stays with the figure when a later release restates it; the latest text of each wins.
    const footnoteTexts = new Map<string, { id: string; nl: string; en: string }>();
    for (const o of vintages) {
      for (const id of linksOf.get(`${o.releaseId}\u0000${key}`) ?? []) {
        const f = footnoteById.get(`${o.releaseId}\u0000${id}`)!;
        footnoteTexts.set(f.id, { id: f.id, nl: f.textNl, en: f.textEn });
      }
    }
    const footnotes = [...footnoteTexts.values()];
    observations.push({
      table: row.tableId,
      metric: row.metricId,
      procedure: row.procedure as Procedure,
      year: row.year,
      value: chosen.value,
      unit: unitOf.get(`${row.tableId}\u0000${row.metricId}`) ?? 'count',
      label: { nl: row.labelNl, en: row.labelEn },
      approximate: chosen.precision === 'approximate',
      precision: chosen.precision,
      step: chosen.step,
      qualifier: chosen.qualifier,
      revisedValue: revised?.revisedValue ?? null,
      note: chosen.note,
      footnotes,
      source: {
        release: row.releaseId,
        report: row.releaseId,
        url: releaseById.get(row.releaseId)?.url ?? null,
        section: row.section,
        row: row.printedRow,
        inText: row.inText,
      },
      history,
    });
  }

  const tablePosition = new Map(rows.tables.map((t, i) => [t.id, i]));
  const metricPosition = new Map(rows.metrics.map((m) => [`${m.tableId}\u0000${m.id}`, m.position]));
  observations.sort(
    (a, b) =>
      (tablePosition.get(a.table) ?? 0) - (tablePosition.get(b.table) ?? 0) ||
      (metricPosition.get(`${a.table}\u0000${a.metric}`) ?? 0) - (metricPosition.get(`${b.table}\u0000${b.metric}`) ?? 0) ||
      b.year - a.year ||
      byProcedure(a.procedure, b.procedure),
  );

  const footnotesInView = inView(rows.footnotes);
  const tables: TableInfo[] = rows.tables.map((t) => {
    const own = observations.filter((o) => o.table === t.id);
    const metrics: MetricInfo[] = rows.metrics
      .filter((m) => m.tableId === t.id)
      .map((m) => {
        const figures = own.filter((o) => o.metric === m.id);
        // The printed row of the latest release that gives one names the metric; else its declared name.
        const latest = figures.reduce<Observation | undefined>(
          (best, f) => (!best || (rank.get(f.source.release) ?? 0) > (rank.get(best.source.release) ?? 0) ? f : best),
          undefined,
        );
        return {
          id: m.id,
          unit: m.unit as Unit,
          label: latest?.label ?? localized(m.labelNl, m.labelEn) ?? { nl: m.id, en: m.id },
          definition: localized(m.definitionNl, m.definitionEn),
          cumulative: m.cumulative,
          roundedTo: m.roundedTo,
          decimals: Math.max(0, decimalsOf(m.roundedTo), ...figures.flatMap((f) => f.history.map((h) => decimalsOf(h.value)))),
          procedures: [...new Set(figures.map((f) => f.procedure))].sort(byProcedure),
          years: [...new Set(figures.map((f) => f.year))].sort((a, b) => a - b),
        };
      })
      .filter((m) => m.procedures.length > 0);
    const procedures = [...new Set(own.map((o) => o.procedure))].sort(byProcedure);
    const latestFootnotes = new Map<string, Footnote>();
    for (const f of footnotesInView.filter((f) => f.tableId === t.id)) {
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

  // A ranking restated by a later release replaces the earlier one for the same table and year.
  const rankingRows = inView(rows.rankings);
  const lastReleaseOf = new Map<string, string>();
  for (const r of rankingRows) lastReleaseOf.set(`${r.tableId}\u0000${r.year}`, r.releaseId);
  const rankings: Ranking[] = rankingRows
    .filter((r) => lastReleaseOf.get(`${r.tableId}\u0000${r.year}`) === r.releaseId)
    .map((r) => ({
      table: r.tableId, year: r.year, rank: r.rank, country: r.country, label: { nl: r.labelNl, en: r.labelEn },
      basis: { nl: r.basisNl, en: r.basisEn }, ordered: r.ordered, release: r.releaseId, report: r.releaseId,
    }))
    .sort((a, b) => (tablePosition.get(a.table) ?? 0) - (tablePosition.get(b.table) ?? 0) || b.year - a.year || a.rank - b.rank);

  const statedShares = inView(rows.statedShares).map((r) => ({
    id: r.id, table: r.tableId, year: r.year, part: r.partMetricId, whole: r.wholeMetricId,
    percent: r.percent, approximate: r.approximate, section: r.section,
  }));

  return { releases, tables, observations, rankings, statedShares, sums: rows.sums, weightedRates: rows.weightedRates };
}
