// Run by code-cache.test.ts in a process of its own: V8 keeps every script it compiled in memory and
// would answer a second compile of the same source from there, without looking at any code cache.
// Usage: compile-child.ts <file> <cache> [--write-cache]; prints the status and what the file exports.
import { writeFileSync } from 'node:fs';
import { compileWithCodeCache } from '../../src/launch/code-cache.js';

const [file, cache] = process.argv.slice(2) as [string, string];
const compiled = compileWithCodeCache(file, cache);
const exported = compiled.run() as { place?: string[]; later?: (n: number) => number; self?: boolean; answer?: number };
// Called before the cache is made, as the server's requests are, so that the cache holds it too.
const later = exported.later?.(20);
if (process.argv.includes('--write-cache')) writeFileSync(cache, compiled.codeCache());
process.stdout.write(JSON.stringify({ status: compiled.status, place: exported.place, later, self: exported.self, answer: exported.answer }));
