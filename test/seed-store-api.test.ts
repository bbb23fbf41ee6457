import { drizzle } from 'drizzle-orm/better-sqlite3';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.js';
import { useTestApp } from './helpers/app.js';
import { readSeed, readSeeds } from './helpers/seed.js';

interface Served {
  table: string; metric: string; procedure: string; year: number; value: number; unit: string;
  label: { nl: string; en: string }; approximate: boolean; revisedValue: number | null;
  source: { release: string; section: string }; footnotes: { id: string }[];
  history: { release: string; value: number; revision: boolean }[];
}

const key = (f: { table: string; metric: string; procedure: string; year: number }) => `${f.table}/${f.metric}/${f.procedure}/${f.year}`;

/** The seed files, the SQLite store and the API must tell the same figures. */
describe('seed → store → API', () => {
  const t = useTestApp();
  const base = readSeed();
  const seeds = readSeeds();
  const labelOf = new Map(seeds.flatMap((s) => s.tables.flatMap((tb) => tb.metrics.map((m) => [`${tb.id}/${m.id}`, m.label] as const))));
  const releasesOf = new Map<string, string[]>();
  for (const s of seeds) for (const f of s.figures) releasesOf.set(key(f), [...(releasesOf.get(key(f)) ?? []), s.release.id]);

  const served = async () => {
    const res = await request(t().app.server).get('/v1/figures?limit=10000').expect(200);
    return new Map<string, Served>(res.body.data.map((o: Served) => [key(o), o]));
  };

  it('stores every seeded figure of every release exactly once, unchanged', () => {
    const rows = drizzle(t().store.sqlite).select().from(schema.observations).all();
    expect(rows).toHaveLength(seeds.reduce((n, s) => n + s.figures.length, 0));
    for (const s of seeds) {
      for (const f of s.figures) {
        const row = rows.filter((r) => r.releaseId === s.release.id && key({ table: r.tableId, metric: r.metricId, procedure: r.procedure, year: r.year }) === key(f));
        expect(row, `${s.release.id} ${key(f)}`).toHaveLength(1);
        expect(row[0]!.value).toBe(f.value);
        expect(row[0]!.labelNl).toBe((f.label ?? labelOf.get(`${f.table}/${f.metric}`))!.nl);
        expect(row[0]!.section).toBe(f.section);
      }
    }
  });

  it('serves every seeded value in its figure\'s history, cited by its release', async () => {
    const figures = await served();
    for (const s of seeds) {
      for (const f of s.figures) {
        const o = figures.get(key(f));
        expect(o, key(f)).toBeDefined();
        expect(o!.history.filter((h) => !h.revision && h.release === s.release.id).map((h) => h.value), `${s.release.id} ${key(f)}`).toEqual([f.value]);
        expect(o!.unit).toBe(f.unit);
      }
    }
    expect(figures.size).toBe(releasesOf.size);
  });

  it('keeps the 2016 report\'s figures where no later release restates them, with their labels, flags and footnotes', async () => {
    const figures = await served();
    let unchanged = 0;
    for (const f of base.figures) {
      const o = figures.get(key(f))!;
      expect(o.revisedValue).toBe(f.revisedValue ?? null);
      expect(o.footnotes.map((n) => n.id)).toEqual(f.footnotes ?? []);
      if (releasesOf.get(key(f))!.length > 1) continue;
      unchanged++;
      expect(o.value, key(f)).toBe(f.value);
      expect(typeof o.value).toBe('number');
      expect(o.label).toEqual(f.label);
      expect(o.approximate).toBe(f.approximate);
      expect(o.source).toMatchObject({ release: base.release.id, section: f.section });
    }
    expect(unchanged).toBeGreaterThan(90);
  });

  it('holds over a hundred table figures of the 2016 report, both years, every TEV/VVR split', () => {
    const tableFigures = base.figures.filter((f) => !f.inText);
    expect(tableFigures.length).toBeGreaterThan(100);
    expect(new Set(base.figures.map((f) => f.table)).size).toBe(15);
    expect(base.figures.filter((f) => f.procedure !== 'total')).toHaveLength(24);
  });

  it('serves the latest release\'s ranking for every table and year, with ISO codes', async () => {
    const res = await request(t().app.server).get('/v1/nationalities').expect(200);
    const latest = new Map<string, { release: string; ranks: { rank: number; country: string; label: unknown }[] }>();
    const byRelease = new Map(seeds.map((s) => [s.release.id, s]));
    for (const s of seeds) for (const r of s.rankings) latest.set(`${r.table}/${r.year}`, { release: s.release.id, ranks: r.ranks });
    // Later releases replace earlier ones only where they give the same table and year; the seed has none that do.
    expect(latest.size).toBe(seeds.reduce((n, s) => n + s.rankings.length, 0));
    const expected = [...latest].flatMap(([k, r]) => r.ranks.map((x) => ({ table: k.split('/')[0], year: Number(k.split('/')[1]), rank: x.rank, country: x.country, label: x.label, release: r.release })));
    expect(res.body.data.map((r: Record<string, unknown>) => ({ table: r.table, year: r.year, rank: r.rank, country: r.country, label: r.label, release: r.release })))
      .toEqual(expect.arrayContaining(expected));
    expect(res.body.data).toHaveLength(expected.length);
    expect(byRelease.size).toBe(seeds.length);
  });
});
