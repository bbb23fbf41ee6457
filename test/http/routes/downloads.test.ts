import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_REPORT, buildTestApp, type TestApp } from '../../helpers/app.js';

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
