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
