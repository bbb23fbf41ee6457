import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.js';

/**
 * The later releases' figures, as collected in the shared source folder, read here independently
 * of the seed files: each value must be served in `value` or `history` of the right figure, with
 * its release cited by URL. SOURCE_DIR points elsewhere for a checkout not beside shared/.
 */
const REPO = resolve(import.meta.dirname, '..');
const RELEASES = resolve(process.env.SOURCE_DIR ?? resolve(REPO, '..', 'shared', 'source'), 'releases', 'releases.json');

interface SourceFigure { year: number; table: string; metric: string; procedure: string; value: number | string; unit: string; source: string; precision: string }
interface SourceRelease { id: string; url: string; title: string }

/**
 * Where this dataset models a concept apart from the collection's proposal: court cases from 2018 on
 * are not the 2016 report's appeals, "all" is a table of its own, and headcount is counted in persons.
 */
const RENAMED: Record<string, [string, string]> = {
  'appeals/new-cases': ['court-cases', 'new-cases'],
  'appeals/handled-cases': ['court-cases', 'handled-cases'],
  'appeals/asylum-upheld-rate': ['court-cases', 'asylum-upheld-rate'],
  'appeals/regular-upheld-rate': ['court-cases', 'regular-upheld-rate'],
  'all/applications-all-types': ['all-applications', 'applications'],
  'documents/alien-documents-issued-total': ['documents', 'alien-documents-issued'],
  'personnel/staff-headcount-officials': ['personnel', 'staff-headcount'],
};
const NATIONALITY: Record<string, string> = {
  Syrische: 'SY', Eritrese: 'ER', Marokkaanse: 'MA', Amerikaanse: 'US', Chinese: 'CN', Indiase: 'IN', Turkse: 'TR', Iraanse: 'IR', Russische: 'RU',
};

describe.skipIf(!existsSync(RELEASES))('the later releases', () => {
  const t = useTestApp();
  const source = existsSync(RELEASES)
    ? (JSON.parse(readFileSync(RELEASES, 'utf8')) as { releases: SourceRelease[]; figures: SourceFigure[] })
    : { releases: [], figures: [] };

  it('are each cited by URL in /v1/releases', async () => {
    const res = await request(t().app.server).get('/v1/releases').expect(200);
    const served = new Map(res.body.data.map((r: { id: string; url: string | null }) => [r.id, r.url]));
    expect(source.releases.length).toBe(20);
    for (const r of source.releases) expect(served.get(r.id), r.id).toBe(r.url);
    for (const r of source.releases) {
      const one = await request(t().app.server).get(`/v1/releases/${r.id}`).expect(200);
      expect(one.body).toMatchObject({ id: r.id, url: r.url });
    }
  });

  it('have every figure served in value or history of the right figure, citing its release', async () => {
    const res = await request(t().app.server).get('/v1/figures?limit=10000').expect(200);
    const figures = res.body.data as { table: string; metric: string; procedure: string; year: number; value: number; source: { release: string }; history: { release: string; value: number }[] }[];
    const numeric = source.figures.filter((f) => f.unit !== 'nationality');
    expect(numeric.length).toBe(140);
    for (const f of numeric) {
      const [table, metric] = RENAMED[`${f.table}/${f.metric}`] ?? [f.table, f.metric];
      const served = figures.find((o) => o.table === table && o.metric === metric && o.procedure === f.procedure && o.year === f.year);
      const where = `${f.source} ${table}/${metric}/${f.procedure}/${f.year}`;
      expect(served, where).toBeDefined();
      expect(served!.history.filter((h) => h.release === f.source).map((h) => h.value), where).toContain(f.value);
      if (served!.source.release === f.source) expect(served!.value, where).toBe(f.value);
    }
  });

  it('have every nationality ranking served in its order', async () => {
    const res = await request(t().app.server).get('/v1/nationalities').expect(200);
    const rankings = source.figures.filter((f) => f.unit === 'nationality');
    expect(rankings.length).toBe(6);
    for (const f of rankings) {
      const served = res.body.data
        .filter((r: { table: string; year: number; release: string }) => r.table === f.table && r.year === f.year && r.release === f.source)
        .map((r: { country: string }) => r.country);
      expect(served, `${f.source} ${f.table} ${f.year}`).toEqual(String(f.value).split(';').map((n) => NATIONALITY[n.trim()]));
    }
  });
});
