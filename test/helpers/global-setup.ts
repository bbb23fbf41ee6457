import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDatabase } from '../../src/seed/build-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The store built from the repository's seed files, once per run; tests open copies of it. */
    seededStore: string;
  }
}

/** Builds the seeded store once for the whole run, instead of once per test file. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ind-test-seeded-'));
  const path = join(dir, 'ind.sqlite');
  buildDatabase(path);
  project.provide('seededStore', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
