import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { IdentitiesFileSchema, type Identities } from './identities-schema.js';
import { formatIssues, SeedError } from './load-seed.js';

/** Reads the identities file; an invalid entry stops the build naming the file, entry and field. */
export function loadIdentities(file: string): Identities {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SeedError(`cannot read identities file ${file}: ${(err as Error).message}`);
  }
  const parsed = IdentitiesFileSchema.safeParse(data);
  if (!parsed.success) throw new SeedError(formatIssues(file, data, parsed.error.issues));
  const ids = new Set<string>();
  for (const [i, sum] of parsed.data.sums.entries()) {
    if (ids.has(sum.id)) throw new SeedError(`invalid identities file ${file}:\n  ${file}: sums[${i}] (${sum.id}).id: declared twice`);
    ids.add(sum.id);
  }
  return parsed.data;
}
