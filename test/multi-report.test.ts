import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedFiles } from '../src/seed/build-database.js';
import { FIXTURES, useTestApp } from './helpers/app.js';

/** A further (made-up) release is added as data only: a new year, a restated value and a new metric appear. */
describe('a further release', () => {
  const t = useTestApp({ files: [...seedFiles(), join(FIXTURES, 'test-release.yaml')] });

  it('serves a restated 2016 figure from the newest release, with every earlier value in its history', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2016').expect(200);
    expect(res.body.data).toHaveLength(1);
    const [figure] = res.body.data;
    expect(figure).toMatchObject({ value: 18250, precision: 'exact', source: { release: 'test-2030', report: 'test-2030' } });
    expect(figure.history.map((h: { release: string; value: number; revision: boolean }) => [h.release, h.value, h.revision])).toEqual([
      ['ind-2016', 18170, false],
      ['ind-2016', 18250, true],
      ['ind-jv2017', 18170, false],
      ['ind-asiel2017', 18171, false],
      ['test-2030', 18250, false],
    ]);
  });

  it('keeps figures the new release does not repeat', async () => {
    const res = await request(t().app.server).get('/v1/figures?table=asylum&metric=first-applications&year=2015').expect(200);
    expect(res.body.data[0]).toMatchObject({ value: 43090, source: { release: 'ind-2016' } });
  });

  it('chains deltas over every pair of consecutive years with both figures, on the served values', async () => {
    const res = await request(t().app.server).get('/v1/deltas?table=family&metric=applications&procedure=total').expect(200);
    expect(res.body.data.map((d: { from: number; to: number; fromValue: number; toValue: number }) => [d.from, d.to, d.fromValue, d.toValue]))
      .toEqual([[2015, 2016, 27960, 36840], [2016, 2017, 36840, 35360], [2019, 2020, 40830, 32730], [2020, 2021, 32730, 42690], [2021, 2022, 42690, 45000]]);
  });

  it('lists the new year and the new metric on the table, and checks the new breakdown', async () => {
    const table = await request(t().app.server).get('/v1/tables/family').expect(200);
    expect(table.body.years.at(-1)).toBe(2022);
    const asylum = await request(t().app.server).get('/v1/tables/asylum').expect(200);
    expect(asylum.body.metrics.map((m: { id: string }) => m.id)).toContain('test-interviews');
    const checks = await request(t().app.server).get('/v1/checks?table=family').expect(200);
    expect(checks.body.data.map((c: { id: string }) => c.id)).toContain('family-applications-2022-parts-sum');
    const rankings = await request(t().app.server).get('/v1/nationalities?table=asylum&year=2022').expect(200);
    expect(rankings.body.data).toEqual([expect.objectContaining({ year: 2022, rank: 1, country: 'SY', release: 'test-2030' })]);
  });
});

/** Every endpoint, format and page picks the further release up: its year, its metric, its date. */
describe('a further release, everywhere', () => {
  const t = useTestApp({ files: [...seedFiles(), join(FIXTURES, 'test-release.yaml')] });
  const get = (url: string, accept?: string) => {
    const r = request(t().app.server).get(url);
    return (accept ? r.set('Accept', accept) : r).expect(200);
  };

  it('in the JSON resources', async () => {
    expect((await get('/v1/tables')).body.data.find((x: { id: string }) => x.id === 'asylum').years).toContain(2022);
    expect((await get('/v1/figures?table=asylum&metric=test-interviews')).body.data.map((o: { year: number }) => o.year)).toEqual([2022, 2021]);
    expect((await get('/v1/deltas?table=asylum&metric=test-interviews')).body.data).toEqual([expect.objectContaining({ from: 2021, to: 2022, change: 234 })]);
    const series = (await get('/v1/series?table=asylum&metric=first-applications')).body.data[0];
    expect(series.points.at(-1)).toMatchObject({ year: 2022, value: 21500, release: 'test-2030' });
    expect((await get('/v1/releases')).body.data.at(-1)).toMatchObject({ id: 'test-2030', url: 'https://example.org/test-2030', figureCount: 7 });
    expect((await get('/v1/releases/test-2030')).body.figures).toHaveLength(7);
    expect((await get('/v1/nationalities?year=2022')).body.data).toHaveLength(1);
    expect((await get('/v1/checks?table=family')).body.data.map((c: { id: string }) => c.id)).toContain('family-applications-2022-parts-sum');
  });

  it('in CSV, wide CSV, CSVW, JSON-stat and the Atom feed', async () => {
    expect((await get('/v1/figures?table=asylum&metric=test-interviews&format=csv')).text).toContain('test-interviews,total,2022,1234');
    const wide = (await get('/v1/tables/asylum?format=csv&layout=wide')).text.split('\r\n');
    expect(wide[0]).toMatch(/,2021,2022,/);
    expect(wide.find((l) => l.startsWith('asylum,test-interviews,'))).toMatch(/,1000,1234,/);
    const csvw = (await get('/v1/tables/asylum?format=csv-metadata&layout=wide')).body;
    expect(csvw.tableSchema.columns.map((c: { name: string }) => c.name)).toContain('2022');
    const stat = (await get('/v1/tables/asylum?format=json-stat')).body;
    expect(stat.dimension.year.category.index).toContain('2022');
    expect(stat.dimension.metric.category.index).toContain('test-interviews');
    expect(stat.updated).toBe('2030-06-01');
    const atom = (await get('/v1/releases.atom')).text;
    expect(atom.indexOf('/v1/releases/test-2030')).toBeLessThan(atom.indexOf('/v1/releases/ind-2016'));
  });

  it('in SDMX 2.1 and 3, structure and data', async () => {
    const csv = (await get('/sdmx/2.1/data/ASYLUM/TEST_INTERVIEWS', 'application/vnd.sdmx.data+csv;version=1.0.0')).text;
    expect(csv).toMatch(/TEST_INTERVIEWS,2022,1234/);
    const codes = (await get('/sdmx/3/structure/codelist/IND/CL_METRIC')).text;
    expect(codes).toContain('TEST_INTERVIEWS');
    const json = (await get('/sdmx/3/data/dataflow/IND/FAMILY/1.0/APPLICATIONS.TOTAL?c[TIME_PERIOD]=ge:2022')).body;
    expect(JSON.stringify(json)).toContain('2022');
  });

  it('in the catalog, the Last-Modified date and the pages', async () => {
    const catalog = JSON.stringify((await get('/v1/catalog')).body);
    expect(catalog).toContain('2030-06-01');
    expect(catalog).toContain('2022-12-31');
    const res = await get('/v1/tables');
    expect(res.headers['last-modified']).toBe(new Date('2030-06-01T00:00:00Z').toUTCString());
    const page = (await get('/tables/asylum?lang=en', 'text/html')).text;
    expect(page).toContain('Interviews (made up)');
    expect(page).toContain('2022');
  });
});
