import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERERS } from '../../src/http/renderers/index.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const REGISTRY = join(SRC, 'http', 'renderers');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === REGISTRY ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** The code of a file without its comments (block comments, and `//` comments that are not part of a URL) and module specifiers. */
const code = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[\s;,{}()])\/\/.*$/gm, '$1')
    // Module specifiers name packages (`jsonld`), and Pick/Omit name properties, not formats.
    .replace(/(\bfrom\s+|\bimport\s+)(['"])[^'"]*\2/g, '$1')
    .replace(/\b(Pick|Omit)<[^>]*>/g, '$1');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * What only the registry may write: every media type it registers, `format=` with one of its
 * names, and a name as a quoted string.
 */
const FORBIDDEN: [string, RegExp][] = [
  ...[...new Set(RENDERERS.flatMap((r) => [r.mediaType, ...(r.alsoAccepts ?? [])]))].map(
    (type): [string, RegExp] => [type, new RegExp(`(?<![\\w.+-])${escape(type)}(?![\\w+-])`)],
  ),
  ...[...new Set(RENDERERS.map((r) => r.name))].flatMap((name): [string, RegExp][] => [
    [`format=${name}`, new RegExp(`format=${escape(name)}(?![\\w-])`)],
    [`'${name}'`, new RegExp(`(['"\`])${escape(name)}\\1`)],
  ]),
];

describe('one renderer registry', () => {
  it('no format name or media type is written in src outside the registry', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [what, pattern] of FORBIDDEN) {
          if (pattern.test(line)) found.push(`${relative(SRC, file)}:${i + 1}: ${what}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('the check does see a literal where one is written', () => {
    const line = code("reply.type('text/csv'); // not 'ttl'");
    expect(FORBIDDEN.filter(([, p]) => p.test(line)).map(([w]) => w)).toEqual(['text/csv']);
  });
});
