import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../db/schema.js';
import { compareReleases } from '../data/releases.js';
import type { ReleaseInfo } from '../data/types.js';
import { loadIdentities } from './load-identities.js';
import type { Identities } from './identities-schema.js';
import { declarations, loadSeedFiles } from './load-seed.js';
import type { SeedFigure, SeedFile, SeedMetric, SeedRelease } from './seed-schema.js';

/** Both under tsx (src/seed) and compiled (dist/src/seed) the repository root is found the same way. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up2 = resolve(here, '..', '..');
  return existsSync(join(up2, 'migrations')) ? up2 : resolve(up2, '..');
}

export const MIGRATIONS_DIR = join(repoRoot(), 'migrations');
export const SEED_DIR = join(repoRoot(), 'seed');

/** Every seed file of the repository, one per release: the base report first, then the later releases. */
export function seedFiles(dir = SEED_DIR): string[] {
  const yamlIn = (folder: string) =>
    existsSync(folder) ? readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(folder, f)) : [];
  return [...yamlIn(dir), ...yamlIn(join(dir, 'releases'))];
}

/** The identities /v1/checks tests, kept beside the seed files. */
export const IDENTITIES_FILE = join(SEED_DIR, 'checks', 'identities.yaml');

type Orm = ReturnType<typeof drizzle<typeof schema>>;

/** The same release order the query module uses, from the seed's own fields. */
function releaseOrder(seeds: SeedFile[]): SeedFile[] {
  const info = (r: SeedRelease) => ({
    id: r.id,
    kind: r.kind,
    published: { date: null, known: r.published.date ?? r.published.known, basis: 'partial' as const },
  }) as ReleaseInfo;
  return [...seeds].sort((a, b) => compareReleases(info(a.release), info(b.release)));
}

/** A figure's precision as the seed states it, or else as its metric's rounding implies. */
function precisionOf(f: SeedFigure, metric: SeedMetric | undefined) {
  if (f.precision) {
    return {
      precision: f.precision.kind,
      step: f.precision.kind === 'rounded' ? f.precision.step : null,
      qualifier: f.precision.kind === 'approximate' ? f.precision.qualifier : null,
    };
  }
  if (f.approximate) return { precision: 'approximate' as const, step: null, qualifier: 'about' as const };
  const step = metric?.roundedTo ?? 1;
  // Counts printed to the unit are as counted; rates and money are always rounded to something.
  if (step === 1 && f.unit === 'count') return { precision: 'exact' as const, step: null, qualifier: null };
  return { precision: 'rounded' as const, step, qualifier: null };
}

function insertRelease(orm: Orm, seed: SeedFile) {
  const r = seed.release;
  orm.insert(schema.releases).values({
    id: r.id,
    title: r.title,
    nameNl: r.name?.nl ?? null,
    nameEn: r.name?.en ?? null,
    language: r.language,
    publisherNl: r.publisher.nl,
    publisherEn: r.publisher.en,
    url: r.url ?? null,
    kind: r.kind,
    publishedDate: r.published.date,
    publishedKnown: r.published.date ?? r.published.known,
    publishedBasis: r.published.date ? r.published.basis : 'partial',
    citationNl: r.citation?.nl ?? null,
    citationEn: r.citation?.en ?? null,
    noteNl: r.note?.nl ?? null,
    noteEn: r.note?.en ?? null,
  }).run();

}

/**
 * Tables and metrics are shared by all releases and written before any figure, since a release
 * may use a metric that a release of another date declares. A later release updates their
 * metadata and keeps their place.
 */
function insertTables(orm: Orm, seed: SeedFile, position: { table: number; metric: number }) {
  for (const t of seed.tables) {
    const values = {
      id: t.id,
      position: position.table++,
      heading: t.heading,
      titleNl: t.title.nl,
      titleEn: t.title.en,
      descriptionNl: t.description.nl,
      descriptionEn: t.description.en,
    };
    const { id: _id, position: _position, ...update } = values;
    orm.insert(schema.statTables).values(values).onConflictDoUpdate({ target: schema.statTables.id, set: update }).run();
    for (const m of t.metrics) {
      const described = {
        unit: m.unit,
        roundedTo: m.roundedTo,
        labelNl: m.label?.nl ?? null,
        labelEn: m.label?.en ?? null,
        definitionNl: m.definition?.nl ?? null,
        definitionEn: m.definition?.en ?? null,
        cumulative: m.cumulative ?? false,
      };
      orm.insert(schema.metrics)
        .values({ tableId: t.id, id: m.id, position: position.metric++, ...described })
        .onConflictDoUpdate({ target: [schema.metrics.tableId, schema.metrics.id], set: described })
        .run();
    }
  }
}

function insertFigures(orm: Orm, seed: SeedFile, declared: ReturnType<typeof declarations>) {
  const r = seed.release;
  for (const f of seed.footnotes) {
    orm.insert(schema.footnotes).values({
      releaseId: r.id, id: f.id, tableId: f.table, metricId: f.metric, marker: f.marker, textNl: f.text.nl, textEn: f.text.en,
    }).run();
  }

  for (const f of seed.figures) {
    const key = { releaseId: r.id, tableId: f.table, metricId: f.metric, procedure: f.procedure, year: f.year };
    const metric = declared.get(f.table)?.get(f.metric);
    const label = f.label ?? metric?.label;
    orm.insert(schema.observations).values({
      ...key,
      value: f.value,
      revisedValue: f.revisedValue ?? null,
      inText: f.inText ?? false,
      labelNl: label!.nl,
      labelEn: label!.en,
      section: f.section,
      printedRow: f.row ?? label!.nl,
      ...precisionOf(f, metric),
      noteNl: f.note?.nl ?? null,
      noteEn: f.note?.en ?? null,
      printedYear: f.printedYear ?? null,
    }).run();
    for (const footnoteId of f.footnotes ?? []) {
      orm.insert(schema.observationFootnotes).values({ ...key, footnoteId }).run();
    }
  }

  for (const ranking of seed.rankings) {
    for (const entry of ranking.ranks) {
      orm.insert(schema.rankings).values({
        releaseId: r.id,
        tableId: ranking.table,
        year: ranking.year,
        rank: entry.rank,
        country: entry.country,
        labelNl: entry.label.nl,
        labelEn: entry.label.en,
        basisNl: ranking.basis.nl,
        basisEn: ranking.basis.en,
        ordered: ranking.ordered,
      }).run();
    }
  }

  for (const s of seed.statedShares) {
    orm.insert(schema.statedShares).values({
      releaseId: r.id, id: s.id, tableId: s.table, year: s.year, partMetricId: s.part, wholeMetricId: s.whole,
      percent: s.percent, approximate: s.approximate, section: s.section,
    }).run();
  }
}

function insertIdentities(orm: Orm, identities: Identities) {
  for (const sum of identities.sums) {
    orm.insert(schema.sumIdentities).values({
      id: sum.id,
      descriptionNl: sum.description.nl,
      descriptionEn: sum.description.en,
      tableId: sum.total.table,
      metricId: sum.total.metric,
      procedure: sum.total.procedure,
    }).run();
    sum.parts.forEach((p, position) => {
      orm.insert(schema.sumIdentityParts).values({
        identityId: sum.id, position, tableId: p.table, metricId: p.metric, procedure: p.procedure, sign: p.sign,
      }).run();
    });
  }
  for (const w of identities.weightedRates) {
    orm.insert(schema.weightedRates).values({
      rateMetricId: w.rate, weightMetricId: w.weight, descriptionNl: w.description.nl, descriptionEn: w.description.en,
    }).run();
  }
}

/**
 * Builds the store from seed files into a temporary file beside the target and renames it into
 * place, so a reader never sees a half-built database and a failed build leaves the old one.
 * Releases are applied in publication order, so the latest release's description of a table wins.
 */
export function buildDatabase(
  target: string,
  files: string[] = seedFiles(),
  identitiesFile: string = IDENTITIES_FILE,
): { releases: number; figures: number } {
  const loaded = loadSeedFiles(files);
  const declared = declarations(loaded);
  const seeds = releaseOrder(loaded);
  const identities = loadIdentities(identitiesFile);
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
    const position = { table: 0, metric: 0 };
    sqlite.transaction(() => {
      for (const seed of seeds) insertRelease(orm, seed);
      for (const seed of seeds) insertTables(orm, seed, position);
      for (const seed of seeds) {
        insertFigures(orm, seed, declared);
        figures += seed.figures.length;
      }
      insertIdentities(orm, identities);
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
  return { releases: seeds.length, figures };
}
