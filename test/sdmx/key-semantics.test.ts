import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BASE_REPORT, useTestApp } from '../helpers/app.js';

const CSV1 = 'application/vnd.sdmx.data+csv;version=1.0.0';

/**
 * Key forms and time parameters on KNOWLEDGE_AND_TALENT in the base report alone, whose figures
 * (seed/ind-2016.yaml) are:
 * 2016: APPLICATIONS, DECISIONS and GRANT_RATE, each for TOTAL, TEV and VVR (9 figures);
 * 2015: the same three metrics for TOTAL only (3 figures). 12 in all, 9 series (metric × procedure).
 */
const cases: [string, string, number][] = [
  ['all', '', 12],
  ['no key at all', '', 12],
  ['full key', 'APPLICATIONS.TEV', 1], // TEV has 2016 only
  ['full key, both years', 'APPLICATIONS.TOTAL', 2],
  ['wildcard metric', '.TOTAL', 6], // 3 metrics × 2 years
  ['wildcard procedure', 'GRANT_RATE.', 4], // TOTAL 2015 and 2016, TEV and VVR 2016
  ['+ alternatives', '.TEV+VVR', 6], // 3 metrics × 2 procedures × 2016
  ['+ in two positions', 'APPLICATIONS+DECISIONS.TOTAL+TEV', 6], // 2 metrics × (TOTAL 2 years + TEV 1 year)
  ['codes in lower case', 'applications.tev', 1],
];

const timeCases: [string, number][] = [
  ['startPeriod=2016', 9],
  ['endPeriod=2015', 3],
  ['startPeriod=2015-07&endPeriod=2015-12', 3], // half of 2015 overlaps the year 2015
  ['startPeriod=2015-Q4&endPeriod=2016-Q1', 12], // overlaps both years
  ['startPeriod=2016-01-01&endPeriod=2016-12-31', 9],
  ['firstNObservations=1', 9], // one per series: the earliest year
  ['lastNObservations=1', 9], // one per series: 2016
  ['firstNObservations=1&lastNObservations=1', 12], // first and last of TOTAL series differ; TEV/VVR have one each
  ['lastNObservations=1&startPeriod=2015&endPeriod=2015', 3], // within the range first: the 3 totals of 2015
  ['updatedAfter=2000-01-01T00:00:00Z', 12], // the data changed since then: all of it
];

describe('SDMX 2.1 data query key semantics and time parameters', () => {
  const t = useTestApp({ files: BASE_REPORT() });
  const count = async (path: string) => {
    const res = await t().app.inject({ url: path, headers: { accept: CSV1 } });
    return res.statusCode === 200 ? (parse(res.body) as string[][]).length - 1 : res.statusCode;
  };

  it.each(cases)('%s (%s) returns %i figures', async (name, key, expected) => {
    const path = name === 'no key at all' ? '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT' : `/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/${key || 'all'}`;
    expect(await count(path)).toBe(expected);
  });

  it.each(timeCases)('%s returns %i figures', async (query, expected) => {
    expect(await count(`/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/all?${query}`)).toBe(expected);
  });

  it('an empty result is 404 (SDMX error 100, No results found)', async () => {
    expect(await count('/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/all?startPeriod=2030')).toBe(404);
    expect(await count('/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/APPLICATIONS.TEV?endPeriod=2015')).toBe(404);
    expect(await count('/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/all?updatedAfter=2100-01-01T00:00:00Z')).toBe(404);
  });

  it('dimensionAtObservation changes the packaging, not the figures', async () => {
    for (const dim of ['TIME_PERIOD', 'METRIC', 'PROCEDURE', 'AllDimensions']) {
      expect(await count(`/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/all?dimensionAtObservation=${dim}`)).toBe(12);
    }
    expect(await count('/sdmx/2.1/data/KNOWLEDGE_AND_TALENT/all?dimensionAtObservation=YEAR')).toBe(400);
  });

  it('serieskeysonly lists the 9 series without observations', async () => {
    const res = await t().app.inject({ url: '/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?detail=serieskeysonly', headers: { accept: 'application/vnd.sdmx.genericdata+xml;version=2.1' } });
    expect(res.body.match(/<generic:Series>/g)).toHaveLength(9);
    expect(res.body).not.toContain('<generic:Obs>');
  });
});

describe('SDMX 2.1 data covers every figure', () => {
  const t = useTestApp();

  it('a data query per dataflow returns every current figure of its table (all releases), with the same values as /v1/figures', async () => {
    const tables = (await t().app.inject('/v1/tables')).json().data as { id: string }[];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const flow = table.id.toUpperCase().replace(/-/g, '_');
      const figures = (await t().app.inject(`/v1/figures?table=${table.id}`)).json();
      const res = await t().app.inject({ url: `/sdmx/2.1/data/${flow}`, headers: { accept: CSV1 } });
      expect(res.statusCode).toBe(200);
      const [header, ...rows] = parse(res.body) as string[][];
      expect(rows.length, flow).toBe(figures.meta.total);
      const col = (name: string) => header!.indexOf(name);
      for (const row of rows) {
        const procedure = col('PROCEDURE') >= 0 ? row[col('PROCEDURE')]!.toLowerCase() : 'total';
        const match = figures.data.find(
          (f: { metric: string; procedure: string; year: number }) =>
            f.metric === row[col('METRIC')]!.toLowerCase().replace(/_/g, '-') && f.procedure === procedure && String(f.year) === row[col('TIME_PERIOD')],
        );
        expect(match, `${flow} ${row.join(',')}`).toBeDefined();
        expect(Number(row[col('OBS_VALUE')])).toBe(match.value);
      }
    }
  });

  it('updatedAfter keeps the figures a later release gave a value', async () => {
    // Across all releases KNOWLEDGE_AND_TALENT has 21 figures: the 12 of 2015-2016, given only by
    // ind-2016 (published in 2017), and 3 metrics × 2019, 2020, 2021 (ind-jv2020 of 2021-04-30,
    // mag2021-werk of 2022, ind-jc2021 of 2022-01-17).
    const rows = async (after: string) => {
      const res = await t().app.inject({ url: `/sdmx/2.1/data/KNOWLEDGE_AND_TALENT?updatedAfter=${after}`, headers: { accept: CSV1 } });
      return res.statusCode === 200 ? (parse(res.body) as string[][]).length - 1 : res.statusCode;
    };
    expect(await rows('2000-01-01T00:00:00Z')).toBe(21);
    expect(await rows('2019-01-01T00:00:00Z')).toBe(9);
    // mag2021-werk is known by its year only: it counts as published up to 2022-12-31.
    expect(await rows('2022-06-01T00:00:00Z')).toBe(9);
    expect(await rows('2023-01-01T00:00:00Z')).toBe(404);
  });
});
