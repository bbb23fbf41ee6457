import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { seedFiles } from '../../src/seed/build-database.js';
import { SeedFileSchema, type SeedFile } from '../../src/seed/seed-schema.js';

/** The seed file read independently of the store, so tests can compare the two. */
export function readSeed(file = seedFiles()[0]!): SeedFile {
  return SeedFileSchema.parse(parse(readFileSync(file, 'utf8')));
}

/** Every seed file of the repository: the base report and each later release. */
export function readSeeds(files = seedFiles()): SeedFile[] {
  return files.map((f) => readSeed(f));
}
