import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ind-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A module written as the server bundle is: CommonJS, with a relative require, its own file names,
// and a function compiled only when it is called, after the top level ran.
const bundle = join(dir, 'bundle.cjs');
const cache = join(dir, 'bundle.v8-cache');
writeFileSync(join(dir, 'helper.cjs'), 'module.exports = (n) => n * 2;\n');
writeFileSync(
  bundle,
  [
    "const double = require('./helper.cjs');",
    "const { basename } = require('node:path');",
    'exports.place = [basename(__dirname), basename(__filename)];',
    'exports.later = function later(n) { return double(n) + 1; };',
    'exports.self = this === module.exports;',
  ].join('\n'),
);

/** Compiles and runs `file` with `cacheFile` in a new Node process, as the server's loader does. */
async function compileApart(file: string, cacheFile: string, options: { writeCache?: boolean; v8Options?: string[] } = {}) {
  const args = [...(options.v8Options ?? []), '--import', 'tsx', join(import.meta.dirname, 'compile-child.ts'), file, cacheFile, ...(options.writeCache ? ['--write-cache'] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: join(import.meta.dirname, '..', '..') });
  return JSON.parse(stdout) as { status: string; place?: string[]; later?: number; self?: boolean; answer?: number };
}

const asModule = { place: [basename(dir), 'bundle.cjs'], later: 41, self: true };

describe('compileWithCodeCache, each compile in a process of its own', () => {
  beforeAll(async () => {
    // Without a cache the file runs as Node runs a CommonJS module, and the cache is made after it ran.
    expect(await compileApart(bundle, cache, { writeCache: true })).toEqual({ status: 'absent', ...asModule });
  });

  it('starts from the cache made by an earlier run, with the same results', async () => {
    expect(await compileApart(bundle, cache)).toEqual({ status: 'used', ...asModule });
  });

  it('ignores bytes that are not a code cache, and runs the file all the same', async () => {
    const wrongCache = join(dir, 'wrong.v8-cache');
    writeFileSync(wrongCache, Buffer.from('not a code cache, only bytes. '.repeat(60)));
    expect(await compileApart(bundle, wrongCache)).toEqual({ status: 'rejected', ...asModule });
  });

  it('ignores the cache of another file', async () => {
    const other = join(dir, 'other.cjs');
    writeFileSync(other, 'exports.answer = 42; // another file, of another length\n');
    expect(await compileApart(other, cache)).toEqual({ status: 'rejected', answer: 42 });
  });

  it('ignores the cache of the same file edited to the same length, and runs the new code', async () => {
    // V8 itself compares only the length of the source: with the cache it would run the old code.
    const edited = join(dir, 'edited.cjs');
    const source = readFileSync(bundle, 'utf8').replace('double(n) + 1', 'double(n) + 2');
    expect(source.length).toBe(readFileSync(bundle, 'utf8').length);
    writeFileSync(edited, source);
    expect(await compileApart(edited, cache)).toEqual({ status: 'rejected', ...asModule, place: [basename(dir), 'edited.cjs'], later: 42 });
  });

  it('ignores a cache made under other V8 options', async () => {
    expect(await compileApart(bundle, cache, { v8Options: ['--max-semi-space-size=4'] })).toEqual({ status: 'rejected', ...asModule });
  });
});
