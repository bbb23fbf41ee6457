import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { SeedFileSchema, type SeedFile } from './seed-schema.js';

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

function formatIssues(file: string, data: unknown, issues: z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 20).map((i) => `  ${file}: ${describePath(data, i.path)}: ${i.message}`);
  if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
  return `invalid seed file ${file}:\n${lines.join('\n')}`;
}

/** The relations zod's shape cannot express: every reference points at something declared, nothing twice. */
function crossCheck(file: string, seed: SeedFile): string[] {
  const errors: string[] = [];
  const fail = (where: string, message: string) => errors.push(`  ${file}: ${where}: ${message}`);
  const metricsOf = new Map<string, Map<string, SeedFile['tables'][number]['metrics'][number]>>();
  seed.tables.forEach((t, i) => {
    if (metricsOf.has(t.id)) fail(`tables[${i}] (${t.id}).id`, 'table declared twice');
    const metrics = new Map<string, SeedFile['tables'][number]['metrics'][number]>();
    t.metrics.forEach((m, j) => {
      if (metrics.has(m.id)) fail(`tables[${i}] (${t.id}).metrics[${j}] (${m.id}).id`, 'metric declared twice');
      metrics.set(m.id, m);
    });
    metricsOf.set(t.id, metrics);
  });
  const metricOf = (table: string, metric: string) => metricsOf.get(table)?.get(metric);
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
    if (!metricsOf.has(f.table)) fail(`${where}.table`, `table "${f.table}" is not declared under tables`);
    else if (!metric) fail(`${where}.metric`, `metric "${f.metric}" is not declared for table "${f.table}"`);
    else if (metric.unit !== f.unit) fail(`${where}.unit`, `"${f.unit}" but the metric's unit is "${metric.unit}"`);
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
    if (!metricsOf.has(r.table)) fail(`rankings[${i}] (${r.table}).table`, `table "${r.table}" is not declared`);
  });
  seed.statedShares.forEach((s, i) => {
    const where = `statedShares[${i}] (${s.id})`;
    if (!metricOf(s.table, s.part)) fail(`${where}.part`, `no metric ${s.table}/${s.part} is declared`);
    if (!metricOf(s.table, s.whole)) fail(`${where}.whole`, `no metric ${s.table}/${s.whole} is declared`);
  });
  return errors;
}

/** Reads and validates one seed file; throws a SeedError naming the file, entry and field at fault. */
export function loadSeedFile(file: string): SeedFile {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SeedError(`cannot read seed file ${file}: ${(err as Error).message}`);
  }
  const parsed = SeedFileSchema.safeParse(data);
  if (!parsed.success) throw new SeedError(formatIssues(file, data, parsed.error.issues));
  const errors = crossCheck(file, parsed.data);
  if (errors.length > 0) throw new SeedError(`invalid seed file ${file}:\n${errors.join('\n')}`);
  return parsed.data;
}
