import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Stores built once per run, by the list of seed files they hold (joined by newlines). */
    seededStores: Record<string, string>;
  }
}

/** The key of a store built from these seed files. */
export const storeKey = (files: string[]) => files.join('\n');

/**
 * Builds once for the whole run the stores most test files use: every seed file of the
 * repository, and the first report alone. Tests open copies of them instead of building their own.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ind-test-seeded-'));
  const all = seedFiles();
  const sets = [all, all.slice(0, 1)];
  const stores: Record<string, string> = {};
  sets.forEach((files, i) => {
    if (stores[storeKey(files)]) return;
    const path = join(dir, `store-${i}.sqlite`);
    buildDatabase(path, files);
    stores[storeKey(files)] = path;
  });
  project.provide('seededStores', stores);
  return () => rmSync(dir, { recursive: true, force: true });
}
