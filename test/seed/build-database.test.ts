import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/db/open.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';
import { readSeeds } from '../helpers/seed.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ind-build-'));
const seeds = readSeeds();
const counts = { releases: seeds.length, figures: seeds.reduce((n, s) => n + s.figures.length, 0) };

describe('building the store', () => {
  it('is safe to run twice and leaves no temporary file', () => {
    const dir = tempDir();
    const target = join(dir, 'ind.sqlite');
    expect(buildDatabase(target)).toEqual(counts);
    expect(buildDatabase(target)).toEqual(counts);
    expect(readdirSync(dir)).toEqual(['ind.sqlite']);
    const db = new Database(target, { readonly: true });
    expect(db.prepare('select count(*) as n from observations').get()).toEqual({ n: counts.figures });
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
    expect(openStore(target).sqlite.prepare('select count(*) as n from observations').get()).toEqual({ n: counts.figures });
  });

  it('makes a duplicate or orphan figure impossible in the store itself', () => {
    const target = join(tempDir(), 'ind.sqlite');
    buildDatabase(target);
    const db = new Database(target);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(`insert into observations
      (release_id, table_id, metric_id, procedure, year, value, in_text, label_nl, label_en, section, printed_row, precision, step)
      values (?, ?, ?, ?, ?, 1, 0, 'x', 'x', 'x', 'x', 'rounded', 10)`);
    expect(() => insert.run('ind-2016', 'asylum', 'first-applications', 'total', 2016)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('ind-2016', 'asylum', 'no-such-metric', 'total', 2016)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('no-such-report', 'asylum', 'grant-rate', 'total', 2017)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('ind-2016', 'asylum', 'grant-rate', 'abroad', 2017)).toThrow(/CHECK/);
    const vague = db.prepare(`insert into observations
      (release_id, table_id, metric_id, procedure, year, value, in_text, label_nl, label_en, section, printed_row, precision, step, qualifier)
      values ('ind-2016', 'asylum', 'grant-rate', 'total', 2030, 1, 0, 'x', 'x', 'x', 'x', ?, ?, ?)`);
    expect(() => vague.run('rounded', null, null)).toThrow(/CHECK/);
    expect(() => vague.run('approximate', null, 'roughly')).toThrow(/CHECK/);
    expect(() => vague.run('exact', 10, null)).toThrow(/CHECK/);
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
