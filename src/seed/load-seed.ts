import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { SeedFileSchema, type SeedFile, type SeedMetric } from './seed-schema.js';

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Names an issue the way a person editing the file looks for it: `figures[12] (asylum/grant-rate/total/2016).value`. */
function describePath(data: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const entry = node as Record<string, unknown> | undefined;
      if (entry && typeof entry === 'object') {
        const name = ['table', 'metric', 'procedure', 'year', 'id']
          .map((k) => entry[k])
          .filter((v) => v !== undefined && typeof v !== 'object')
          .join('/');
        if (name) out += ` (${name})`;
      }
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
    }
  }
  return out || '(file)';
}

export function formatIssues(file: string, data: unknown, issues: z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 20).map((i) => `  ${file}: ${describePath(data, i.path)}: ${i.message}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return `invalid seed file ${file}:\n${lines.join('\n')}`;
}

type Declared = Map<string, Map<string, SeedMetric>>;

/** Every table and metric the files declare; a later file's declaration of the same metric replaces an earlier one. */
export function declarations(seeds: SeedFile[]): Declared {
  const declared: Declared = new Map();
  for (const seed of seeds) {
    for (const t of seed.tables) {
      const metrics = declared.get(t.id) ?? new Map<string, SeedMetric>();
      for (const m of t.metrics) metrics.set(m.id, m);
      declared.set(t.id, metrics);
    }
  }
  return declared;
}

/**
 * The relations zod's shape cannot express: every reference points at something declared (in this
 * file or another seed file), nothing twice within one release.
 */
function crossCheck(file: string, seed: SeedFile, declared: Declared): string[] {
  const errors: string[] = [];
  const fail = (where: string, message: string) => errors.push(`  ${file}: ${where}: ${message}`);
  const tableIds = new Set<string>();
  seed.tables.forEach((t, i) => {
    if (tableIds.has(t.id)) fail(`tables[${i}] (${t.id}).id`, 'table declared twice');
    tableIds.add(t.id);
    const metricIds = new Set<string>();
    t.metrics.forEach((m, j) => {
      if (metricIds.has(m.id)) fail(`tables[${i}] (${t.id}).metrics[${j}] (${m.id}).id`, 'metric declared twice');
      metricIds.add(m.id);
    });
  });
  const metricOf = (table: string, metric: string) => declared.get(table)?.get(metric);
  const footnoteIds = new Set<string>();
  seed.footnotes.forEach((f, i) => {
    const where = `footnotes[${i}] (${f.id})`;
    if (footnoteIds.has(f.id)) fail(`${where}.id`, 'footnote declared twice');
    footnoteIds.add(f.id);
    if (!metricOf(f.table, f.metric)) fail(`${where}.metric`, `no metric ${f.table}/${f.metric} is declared`);
  });
  const seen = new Set<string>();
  seed.figures.forEach((f, i) => {
    const where = `figures[${i}] (${f.table}/${f.metric}/${f.procedure}/${f.year})`;
    const metric = metricOf(f.table, f.metric);
    if (!declared.has(f.table)) fail(`${where}.table`, `table "${f.table}" is not declared under tables`);
    else if (!metric) fail(`${where}.metric`, `metric "${f.metric}" is not declared for table "${f.table}"`);
    else {
      if (metric.unit !== f.unit) fail(`${where}.unit`, `"${f.unit}" but the metric's unit is "${metric.unit}"`);
      if (!f.label && !metric.label) fail(`${where}.label`, 'no label here and none declared for the metric');
    }
    if (f.approximate && f.precision && f.precision.kind !== 'approximate') fail(`${where}.precision`, 'an approximate figure needs an approximate precision');
    if (f.printedYear === f.year) fail(`${where}.printedYear`, 'equals the year; give it only where the release printed another year');
    const key = `${f.table}/${f.metric}/${f.procedure}/${f.year}`;
    if (seen.has(key)) fail(where, 'the same figure is given twice');
    seen.add(key);
    for (const id of f.footnotes ?? []) {
      if (!footnoteIds.has(id)) fail(`${where}.footnotes`, `footnote "${id}" is not declared under footnotes`);
    }
  });
  seed.footnotes.forEach((f, i) => {
    if (f.revises && !seen.has(`${f.table}/${f.metric}/total/${f.revises.year}`)) {
      fail(`footnotes[${i}] (${f.id}).revises`, 'revises a figure the file does not give');
    }
  });
  seed.rankings.forEach((r, i) => {
    if (!declared.has(r.table)) fail(`rankings[${i}] (${r.table}).table`, `table "${r.table}" is not declared`);
  });
  seed.statedShares.forEach((s, i) => {
    const where = `statedShares[${i}] (${s.id})`;
    if (!metricOf(s.table, s.part)) fail(`${where}.part`, `no metric ${s.table}/${s.part} is declared`);
    if (!metricOf(s.table, s.whole)) fail(`${where}.whole`, `no metric ${s.table}/${s.whole} is declared`);
  });
  return errors;
}

/** Reads a YAML file and validates it with `schema`; a SeedError names the file, entry and field at fault. */
export function readValidated<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SeedError(`cannot read seed file ${file}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new SeedError(formatIssues(file, data, parsed.error.issues));
  return parsed.data;
}

const parseSeedFile = (file: string): SeedFile => readValidated(file, SeedFileSchema);

/**
 * Reads and validates seed files together, since a release may use tables another file declares;
 * throws a SeedError naming the file, entry and field at fault. Release ids must be unique.
 */
export function loadSeedFiles(files: string[]): SeedFile[] {
  const seeds = files.map(parseSeedFile);
  const declared = declarations(seeds);
  const errors = seeds.flatMap((seed, i) => crossCheck(files[i]!, seed, declared));
  const releaseFile = new Map<string, string>();
  seeds.forEach((seed, i) => {
    const other = releaseFile.get(seed.release.id);
    if (other) errors.push(`  ${files[i]}: release.id: "${seed.release.id}" is also the id of ${other}`);
    releaseFile.set(seed.release.id, files[i]!);
  });
  if (errors.length > 0) throw new SeedError(`invalid seed files:\n${errors.join('\n')}`);
  return seeds;
}

/** Reads and validates one seed file on its own: it must declare every table it uses. */
export function loadSeedFile(file: string): SeedFile {
  return loadSeedFiles([file])[0]!;
}
