import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase, seedFiles } from '../../../src/seed/build-database.js';
import { BASE_REPORT, buildTestApp, FIXTURES, useTestApp, type TestApp } from '../../helpers/app.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('bulk download of the SQLite store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ files: BASE_REPORT() });
  });
  afterAll(() => t.close());

  it('serves the store file itself with media type, download name, length and a strong ETag', async () => {
    const res = await request(t.app.server).get('/v1/download/ind.sqlite').buffer(true).parse(binary).expect(200);
    const file = readFileSync(t.path);
    expect(res.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ind.sqlite"');
    expect(Number(res.headers['content-length'])).toBe(statSync(t.path).size);
    expect(res.headers.etag).toBe(`"${createHash('sha256').update(file).digest('hex')}"`);
    expect(Buffer.compare(res.body as Buffer, file)).toBe(0);

    // What a client downloads is a working database with every figure the API serves.
    const dir = mkdtempSync(join(tmpdir(), 'ind-download-'));
    try {
      writeFileSync(join(dir, 'copy.sqlite'), res.body as Buffer);
      const db = new Database(join(dir, 'copy.sqlite'), { readonly: true });
      const { n } = db.prepare('select count(*) as n from observations').get() as { n: number };
      db.close();
      const api = await request(t.app.server).get('/v1/figures').expect(200);
      expect(n).toBe(api.body.meta.total);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers If-None-Match with 304 and HEAD with the headers alone', async () => {
    const first = await request(t.app.server).head('/v1/download/ind.sqlite').expect(200);
    expect(Number(first.headers['content-length'])).toBe(statSync(t.path).size);
    expect(first.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await request(t.app.server).get('/v1/download/ind.sqlite').set('If-None-Match', first.headers.etag!).expect(304);
    expect(again.text ?? '').toBe('');
    await request(t.app.server).get('/v1/download/ind.sqlite').set('If-None-Match', '"something-else"').expect(200);
  });

  it('rejects query parameters it does not know with a 400 problem', async () => {
    const res = await request(t.app.server).get('/v1/download/ind.sqlite?format=csv').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the store download after start-up', () => {
  const app = useTestApp();

  it('serves the snapshot it opened, the same bytes and ETag, after the file is replaced and then deleted', async () => {
    const t = app();
    const file = readFileSync(t.path);
    const before = await t.app.inject('/v1/download/ind.sqlite');
    expect(before.statusCode).toBe(200);

    // Another store moved into place: the path now names different bytes.
    const other = join(dirname(t.path), 'other.sqlite');
    buildDatabase(other, [...seedFiles(), join(FIXTURES, 'test-release.yaml')]);
    expect(Buffer.compare(readFileSync(other), file)).not.toBe(0);
    renameSync(other, t.path);
    const replaced = await t.app.inject('/v1/download/ind.sqlite');
    expect(replaced.statusCode).toBe(200);
    expect(Buffer.compare(replaced.rawPayload, file)).toBe(0);
    expect(replaced.headers.etag).toBe(before.headers.etag);

    rmSync(t.path);
    for (const range of [undefined, 'bytes=0-15']) {
      const res = await t.app.inject({ url: '/v1/download/ind.sqlite', headers: range ? { range } : {} });
      expect(res.statusCode).toBe(range ? 206 : 200);
      expect(Buffer.compare(res.rawPayload, range ? file.subarray(0, 16) : file)).toBe(0);
      expect(res.headers.etag).toBe(before.headers.etag);
    }
    // Health tells the load balancer that the file is gone, while the download stays whole.
    expect((await t.app.inject('/health')).statusCode).toBe(503);
  });
});

describe('byte ranges of the downloads', () => {
  const t = useTestApp();
  let file: Buffer;
  let etag: string;
  beforeAll(async () => {
    file = readFileSync(t().path);
    etag = String((await t().app.inject({ method: 'HEAD', url: '/v1/download/ind.sqlite' })).headers.etag);
  });

  const get = (headers: Record<string, string>, url = '/v1/download/ind.sqlite') => t().app.inject({ url, headers });

  it('says it accepts byte ranges, on GET and HEAD', async () => {
    expect((await get({})).headers['accept-ranges']).toBe('bytes');
    const head = await t().app.inject({ method: 'HEAD', url: '/v1/download/ind.sqlite' });
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(Number(head.headers['content-length'])).toBe(file.length);
  });

  it('answers one range with 206, Content-Range and exactly those bytes', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, file.length - 1],
      ['bytes=-200', file.length - 200, file.length - 1],
      [`bytes=${file.length - 10}-${file.length + 500}`, file.length - 10, file.length - 1],
      ['bytes=0-9,5-19', 0, 19],
    ];
    for (const [range, start, end] of cases) {
      const res = await get({ range });
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${file.length}`);
      // Scripts on other origins may read it too.
      expect(String(res.headers['access-control-expose-headers'])).toMatch(/\bContent-Range\b/);
      expect(Number(res.headers['content-length'])).toBe(end - start + 1);
      expect(res.headers['content-type']).toBe('application/vnd.sqlite3');
      expect(res.headers.etag).toBe(etag);
      expect(Buffer.compare(res.rawPayload, file.subarray(start, end + 1))).toBe(0);
    }
  });

  it('resumes a download piece by piece into the whole file', async () => {
    const pieces: Buffer[] = [];
    const size = Math.ceil(file.length / 3);
    for (let start = 0; start < file.length; start += size) {
      const res = await get({ range: `bytes=${start}-${start + size - 1}`, 'if-range': etag });
      expect(res.statusCode).toBe(206);
      pieces.push(res.rawPayload);
    }
    expect(Buffer.compare(Buffer.concat(pieces), file)).toBe(0);
  });

  it('answers a range outside the file, or several ranges, with a 416 problem naming the length', async () => {
    for (const range of [`bytes=${file.length}-`, `bytes=${file.length + 10}-${file.length + 20}`, 'bytes=0-9,100-109']) {
      const res = await get({ range });
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${file.length}`);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers['content-disposition']).toBeUndefined();
      const body = JSON.parse(res.body);
      expect(body).toMatchObject({ status: 416, title: 'Range Not Satisfiable', instance: '/v1/download/ind.sqlite' });
      expect(body.type).toMatch(/\/problems\/range-not-satisfiable$/);
    }
  });

  it('sends the whole file when If-Range names another version, and ignores a Range it cannot read', async () => {
    for (const headers of <Record<string, string>[]>[
      { range: 'bytes=0-9', 'if-range': '"an-older-version"' },
      { range: 'bytes=0-9', 'if-range': `W/${etag}` },
      { range: 'bytes=0-9', 'if-range': 'Tue, 01 Jan 2019 00:00:00 GMT' },
      { range: 'bytes=nine-ten' },
      { range: 'pages=1-2' },
    ]) {
      const res = await get(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(Buffer.compare(res.rawPayload, file)).toBe(0);
    }
    const lastModified = String((await get({})).headers['last-modified']);
    expect((await get({ range: 'bytes=0-9', 'if-range': lastModified })).statusCode).toBe(206);
    // If-None-Match is decided first: a matching tag is a 304 whatever the range.
    expect((await get({ range: 'bytes=0-9', 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('cuts ranges of the CSV of every figure from the representation sent, compressed or not', async () => {
    const url = '/v1/download/figures.csv';
    const whole = await get({}, url);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const part = await get({ range: 'bytes=0-63' }, url);
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-63/${whole.rawPayload.length}`);
    expect(part.body).toBe(whole.rawPayload.subarray(0, 64).toString());

    const br = await get({ 'accept-encoding': 'br' }, url);
    expect(br.headers['content-encoding']).toBe('br');
    const brTag = String(br.headers.etag);
    const half = Math.floor(br.rawPayload.length / 2);
    const first = await get({ 'accept-encoding': 'br', range: `bytes=0-${half - 1}`, 'if-range': brTag }, url);
    const rest = await get({ 'accept-encoding': 'br', range: `bytes=${half}-`, 'if-range': brTag }, url);
    expect([first.statusCode, rest.statusCode]).toEqual([206, 206]);
    expect(rest.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(Buffer.concat([first.rawPayload, rest.rawPayload])).toString()).toBe(whole.body);
    // The uncompressed tag does not match the compressed representation: the whole of it comes.
    const mismatch = await get({ 'accept-encoding': 'br', range: 'bytes=0-9', 'if-range': String(whole.headers.etag) }, url);
    expect(mismatch.statusCode).toBe(200);
  });
});
