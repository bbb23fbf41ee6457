import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../db/schema.js';
import { loadSeedFile } from './load-seed.js';
import type { SeedFile } from './seed-schema.js';

/** Both under tsx (src/seed) and compiled (dist/src/seed) the repository root is found the same way. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up2 = resolve(here, '..', '..');
  return existsSync(join(up2, 'migrations')) ? up2 : resolve(up2, '..');
}

export const MIGRATIONS_DIR = join(repoRoot(), 'migrations');
export const SEED_DIR = join(repoRoot(), 'seed');

/** Every seed file of the repository, one per report. */
export function seedFiles(dir = SEED_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function insertReport(orm: ReturnType<typeof drizzle<typeof schema>>, seed: SeedFile, position: { next: number }) {
  const r = seed.report;
  orm.insert(schema.reports).values({
    id: r.id,
    year: r.year,
    titleNl: r.title.nl,
    titleEn: r.title.en,
    publisherNl: r.publisher.nl,
    publisherEn: r.publisher.en,
    citationNl: r.citation.nl,
    citationEn: r.citation.en,
  }).run();

  // Tables and metrics are shared by all reports: a later report updates their metadata.
  for (const t of seed.tables) {
    const values = {
      id: t.id,
      position: position.next++,
      heading: t.heading,
      titleNl: t.title.nl,
      titleEn: t.title.en,
      descriptionNl: t.description.nl,
      descriptionEn: t.description.en,
    };
    const { id: _id, position: _position, ...update } = values;
    orm.insert(schema.statTables).values(values).onConflictDoUpdate({ target: schema.statTables.id, set: update }).run();
    t.metrics.forEach((m, i) => {
      orm.insert(schema.metrics)
        .values({ tableId: t.id, id: m.id, position: i, unit: m.unit, roundedTo: m.roundedTo })
        .onConflictDoUpdate({
          target: [schema.metrics.tableId, schema.metrics.id],
          set: { unit: m.unit, roundedTo: m.roundedTo },
        })
        .run();
    });
  }

  for (const f of seed.footnotes) {
    orm.insert(schema.footnotes).values({
      reportId: r.id, id: f.id, tableId: f.table, metricId: f.metric, marker: f.marker, textNl: f.text.nl, textEn: f.text.en,
    }).run();
  }

  for (const f of seed.figures) {
    const key = { reportId: r.id, tableId: f.table, metricId: f.metric, procedure: f.procedure, year: f.year };
    orm.insert(schema.observations).values({
      ...key,
      value: f.value,
      revisedValue: f.revisedValue ?? null,
      approximate: f.approximate,
      inText: f.inText ?? false,
      labelNl: f.label.nl,
      labelEn: f.label.en,
      section: f.section,
      printedRow: f.row ?? f.label.nl,
    }).run();
    for (const footnoteId of f.footnotes ?? []) {
      orm.insert(schema.observationFootnotes).values({ ...key, footnoteId }).run();
    }
  }

  for (const ranking of seed.rankings) {
    for (const entry of ranking.ranks) {
      orm.insert(schema.rankings).values({
        reportId: r.id,
        tableId: ranking.table,
        year: ranking.year,
        rank: entry.rank,
        country: entry.country,
        labelNl: entry.label.nl,
        labelEn: entry.label.en,
        basisNl: ranking.basis.nl,
        basisEn: ranking.basis.en,
      }).run();
    }
  }

  for (const s of seed.statedShares) {
    orm.insert(schema.statedShares).values({
      reportId: r.id, id: s.id, tableId: s.table, year: s.year, partMetricId: s.part, wholeMetricId: s.whole,
      percent: s.percent, approximate: s.approximate, section: s.section,
    }).run();
  }
}

/**
 * Builds the store from seed files into a temporary file beside the target and renames it into
 * place, so a reader never sees a half-built database and a failed build leaves the old one.
 * Reports are applied oldest first, so the latest report's metadata wins.
 */
export function buildDatabase(target: string, files: string[] = seedFiles()): { reports: number; figures: number } {
  const seeds = files.map(loadSeedFile).sort((a, b) => a.report.year - b.report.year);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  const sqlite = new Database(tmp);
  let figures = 0;
  try {
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('journal_mode = DELETE');
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder: MIGRATIONS_DIR });
    const position = { next: 0 };
    sqlite.transaction(() => {
      for (const seed of seeds) {
        insertReport(orm, seed, position);
        figures += seed.figures.length;
      }
    })();
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(violations)}`);
    sqlite.exec('VACUUM');
    sqlite.close();
    renameSync(tmp, target);
  } catch (err) {
    if (sqlite.open) sqlite.close();
    rmSync(tmp, { force: true });
    throw err;
  }
  return { reports: seeds.length, figures };
}
