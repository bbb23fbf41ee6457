import { IdentitiesFileSchema, type Identities } from './identities-schema.js';
import { readValidated, SeedError } from './load-seed.js';

/** Reads the identities file; an invalid entry stops the build naming the file, entry and field. */
export function loadIdentities(file: string): Identities {
  const identities = readValidated(file, IdentitiesFileSchema);
  const ids = new Set<string>();
  for (const [i, sum] of identities.sums.entries()) {
    if (ids.has(sum.id)) throw new SeedError(`invalid identities file ${file}:\n  ${file}: sums[${i}] (${sum.id}).id: declared twice`);
    ids.add(sum.id);
  }
  return identities;
}
