import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/db/open.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ind-build-'));

describe('building the store', () => {
  it('is safe to run twice and leaves no temporary file', () => {
    const dir = tempDir();
    const target = join(dir, 'ind.sqlite');
    expect(buildDatabase(target)).toEqual({ reports: 1, figures: 112 });
    expect(buildDatabase(target)).toEqual({ reports: 1, figures: 112 });
    expect(readdirSync(dir)).toEqual(['ind.sqlite']);
    const db = new Database(target, { readonly: true });
    expect(db.prepare('select count(*) as n from observations').get()).toEqual({ n: 112 });
    db.close();
  });

  it('keeps the previous store when a build fails', () => {
    const dir = tempDir();
    const target = join(dir, 'ind.sqlite');
    buildDatabase(target);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'report: {}\n');
    expect(() => buildDatabase(target, [...seedFiles(), broken])).toThrow(/broken\.yaml/);
    expect(readdirSync(dir).sort()).toEqual(['broken.yaml', 'ind.sqlite']);
    expect(openStore(target).sqlite.prepare('select count(*) as n from observations').get()).toEqual({ n: 112 });
  });

  it('makes a duplicate or orphan figure impossible in the store itself', () => {
    const target = join(tempDir(), 'ind.sqlite');
    buildDatabase(target);
    const db = new Database(target);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(`insert into observations
      (report_id, table_id, metric_id, procedure, year, value, approximate, in_text, label_nl, label_en, section, printed_row)
      values (?, ?, ?, ?, ?, 1, 0, 0, 'x', 'x', 'x', 'x')`);
    expect(() => insert.run('ind-2016', 'asylum', 'first-applications', 'total', 2016)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('ind-2016', 'asylum', 'no-such-metric', 'total', 2016)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('no-such-report', 'asylum', 'grant-rate', 'total', 2017)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('ind-2016', 'asylum', 'grant-rate', 'abroad', 2017)).toThrow(/CHECK/);
    db.close();
  });

  it('refuses to serve a missing file or a file that is not our store', () => {
    const dir = tempDir();
    expect(() => openStore(join(dir, 'missing.sqlite'))).toThrow(StoreError);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all, just text that is long enough to look like a header'.repeat(20));
    expect(() => openStore(junk)).toThrow(/junk\.sqlite/);
  });
});
