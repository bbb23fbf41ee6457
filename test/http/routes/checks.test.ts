import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../helpers/app.js';

interface Check { id: string; kind: string; expected: number; actual: number; tolerance: number; holds: boolean; status: string; inputs: { table: string; metric: string; value: number; release: string }[] }

/** Checks across releases: vintages agree within their rounding, sums across tables hold, and what does not is listed. */
describe('GET /v1/checks over every release', () => {
  const t = useTestApp();
  const checks = async (query = '') => (await request(t().app.server).get(`/v1/checks${query}`).expect(200)).body.data as Check[];

  it('finds the 2016 asylum inflow equal to its parts, and 32,100 equal to work and study applications', async () => {
    const byId = new Map((await checks()).map((c) => [c.id, c]));
    // 31,642 (exact, later release) against 18,171 + 1,660 + 11,814 = 31,645; 1,660 is rounded to tens.
    expect(byId.get('asylum-inflow-2016')).toMatchObject({ kind: 'sum', expected: 31645, actual: 31642, tolerance: 5, holds: true, status: 'holds' });
    expect(byId.get('asylum-inflow-2016')!.inputs.map((i) => i.metric)).toEqual(['first-applications', 'subsequent-applications', 'family-reunification-arrivals', 'total-asylum-inflow']);
    // 13,900 + 2,030 + 16,170, each rounded to tens, against 32,100.
    expect(byId.get('regular-work-and-study-2016')).toMatchObject({ expected: 32100, actual: 32100, tolerance: 20, holds: true });
    expect(byId.get('regular-total-2021')).toMatchObject({ expected: 94220, actual: 94220, holds: true });
    expect(byId.get('finance-result-2021')).toMatchObject({ expected: -21, actual: -21, holds: true });
  });

  it('finds every exact value within the rounding of the other releases of the same quantity', async () => {
    const byId = new Map((await checks()).map((c) => [c.id, c]));
    expect(byId.get('asylum-first-applications-total-2016-ind-2016-vs-ind-asiel2017')).toMatchObject({ expected: 18170, actual: 18171, tolerance: 5, holds: true });
    expect(byId.get('asylum-first-applications-total-2017-ind-asiel2017-vs-ro-rvk2018')).toMatchObject({ expected: 14716, actual: 14720, tolerance: 5, holds: true });
    expect(byId.get('asylum-family-reunification-arrivals-total-2015-ind-2016-vs-ind-asiel2017')).toMatchObject({ expected: 13850, actual: 13845, holds: true });
  });

  it('lists, not hides, what rounding cannot explain: the 2016 footnote\'s closer count and a wrong year label', async () => {
    const failing = await checks('?holds=false');
    expect(failing.map((c) => c.id).sort()).toEqual([
      'asylum-first-applications-total-2016-ind-2016-revision-vs-ind-asiel2017',
      'asylum-first-applications-total-2016-ind-2016-revision-vs-ind-jv2017',
      'asylum-first-applications-total-2016-ind-2016-vs-ind-2016-revision',
      'asylum-first-applications-total-2019-ro-2020-01-22-year-label',
    ]);
    for (const c of failing) expect(c).toMatchObject({ holds: false, status: 'fails' });
    const label = failing.find((c) => c.kind === 'year-label')!;
    expect(label).toMatchObject({ expected: 2019, actual: 2018 });
    expect(label.inputs).toEqual([expect.objectContaining({ release: 'ro-2020-01-22', value: 22533 })]);
  });
});
