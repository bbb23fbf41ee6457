import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

const PUBLIC_URL = 'https://data.example.org/ind';

type Row = Record<string, string>;
const parseCsv = (text: string): { header: string[]; rows: Row[] } => {
  const records = parse(text, { bom: false, relax_quotes: false, record_delimiter: '\r\n' }) as string[][];
  const [header, ...body] = records;
  return { header: header!, rows: body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
};

interface Observation {
  table: string; metric: string; procedure: string; year: number; value: number; unit: string;
  label: { nl: string; en: string }; approximate: boolean; revisedValue: number | null;
  footnotes: { nl: string; en: string }[];
}

/** CSV parsed by a CSV library must say what the JSON says; its CSVW metadata must describe exactly its header. */
describe('CSV and its CSVW metadata', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL } });
  });
  afterAll(() => t.close());

  const sameAsJson = (rows: Row[], json: Observation[], lang: 'nl' | 'en') => {
    expect(rows).toHaveLength(json.length);
    json.forEach((o, i) => {
      const r = rows[i]!;
      expect([r.table, r.metric, r.procedure, Number(r.year)]).toEqual([o.table, o.metric, o.procedure, o.year]);
      expect(Number(r.value)).toBe(o.value);
      expect(r.unit).toBe(o.unit);
      expect(r.metric_label).toBe(o.label[lang]);
      expect(r.approximate).toBe(String(o.approximate));
      expect(r.revised_value).toBe(o.revisedValue === null ? '' : String(o.revisedValue));
      expect(r.footnotes).toBe(o.footnotes.map((f) => f[lang]).join(' | '));
    });
  };

  it.each(['en', 'nl'] as const)('a table as CSV (lang=%s) has codes and labels and the same figures as the JSON', async (lang) => {
    const json = (await request(t.app.server).get('/v1/tables/asylum').expect(200)).body;
    const res = await request(t.app.server).get(`/v1/tables/asylum?format=csv&lang=${lang}`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ind-asylum.csv"');
    expect(res.text.includes('\r\n')).toBe(true);
    expect(res.text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const { header, rows } = parseCsv(res.text);
    for (const pair of [['table', 'table_label'], ['metric', 'metric_label'], ['procedure', 'procedure_label'], ['unit', 'unit_label']]) {
      expect(header).toEqual(expect.arrayContaining(pair));
    }
    sameAsJson(rows, json.figures, lang);
    expect(rows[0]!.table_label).toBe(json.title[lang]);
    expect(rows[0]!.procedure_label).toBe(lang === 'nl' ? 'Totaal' : 'Total');
    // The English footnote holds commas and the field still parses: RFC 4180 quoting.
    if (lang === 'en') expect(res.text).toContain('"The automated reporting system');
  });

  it('announces CSVW metadata whose columns are the CSV header, with datatypes, licence and source', async () => {
    for (const path of ['/v1/tables/knowledge-and-talent', '/v1/figures?table=finance', '/v1/deltas?table=asylum']) {
      const sep = path.includes('?') ? '&' : '?';
      const csv = await request(t.app.server).get(`${path}${sep}format=csv&lang=nl`).expect(200);
      const link = csv.headers.link as string;
      const match = /<([^>]+)>; rel="describedby"; type="application\/csvm\+json"/.exec(link);
      expect(match, `${path}: ${link}`).not.toBeNull();
      const metaRes = await request(t.app.server).get(match![1]!).expect(200);
      expect(metaRes.headers['content-type']).toMatch(/^application\/csvm\+json/);
      const meta = JSON.parse(metaRes.text);
      expect(meta['@context'][0]).toBe('http://www.w3.org/ns/csvw');
      expect(meta.url).toBe(`${PUBLIC_URL}${path}${sep}format=csv&lang=nl`);
      const { header } = parseCsv(csv.text);
      expect(meta.tableSchema.columns.map((c: { name: string }) => c.name)).toEqual(header);
      expect(meta.tableSchema.columns.map((c: { titles: string }) => c.titles)).toEqual(header);
      for (const c of meta.tableSchema.columns) expect(['string', 'integer', 'decimal', 'boolean']).toContain(c.datatype);
      expect(meta['dc:license']['@id']).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
      expect(meta['dc:source']).toContain('Jaarverslag 2016');
      expect(meta.dialect).toMatchObject({ header: true, encoding: 'utf-8', lineTerminators: ['\r\n'] });
    }
  });

  it('gives every observation in one CSV at /v1/download/figures.csv, with its metadata', async () => {
    const json = (await request(t.app.server).get('/v1/figures?limit=10000').expect(200)).body;
    const res = await request(t.app.server).get('/v1/download/figures.csv').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="ind-figures.csv"');
    const { header, rows } = parseCsv(res.text);
    sameAsJson(rows, json.data, 'en');
    expect(res.headers.link).toBe('</v1/download/figures.csv-metadata.json>; rel="describedby"; type="application/csvm+json"');
    const meta = (await request(t.app.server).get('/v1/download/figures.csv-metadata.json').expect(200)).body;
    expect(meta.url).toBe(`${PUBLIC_URL}/v1/download/figures.csv`);
    expect(meta.tableSchema.columns.map((c: { name: string }) => c.name)).toEqual(header);
    expect(meta.tableSchema.primaryKey).toEqual(['table', 'metric', 'procedure', 'year']);
    const keys = new Set(rows.map((r) => `${r.table}/${r.metric}/${r.procedure}/${r.year}`));
    expect(keys.size).toBe(rows.length);
  });

  it('rejects unknown parameters on the downloads with a 400 problem', async () => {
    const res = await request(t.app.server).get('/v1/download/figures.csv?lang=fr').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].parameter).toBe('lang');
    await request(t.app.server).get('/v1/download/figures.csv-metadata.json?x=1').expect(400);
  });
});
