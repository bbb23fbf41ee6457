import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedFiles } from '../../src/seed/build-database.js';
import { loadSeedFile, SeedError } from '../../src/seed/load-seed.js';

const original = readFileSync(seedFiles()[0]!, 'utf8');

/** Writes a variant of the real seed file and returns the error loading it gives. */
function errorFor(edit: (text: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ind-seed-')), 'broken.yaml');
  const changed = edit(original);
  expect(changed).not.toBe(original);
  writeFileSync(file, changed);
  try {
    loadSeedFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(SeedError);
    return (err as Error).message;
  }
  throw new Error('the broken seed file was accepted');
}

describe('seed validation', () => {
  it('accepts the real seed file', () => {
    expect(loadSeedFile(seedFiles()[0]!).figures.length).toBe(112);
  });

  it('names the file, the entry and the field of a wrong value', () => {
    const message = errorFor((t) => t.replace('year: 2016, value: 18170,', 'year: 2016, value: "18.170",'));
    expect(message).toContain('broken.yaml');
    expect(message).toMatch(/figures\[0\] \(asylum\/first-applications\/total\/2016\)\.value/);
  });

  it('rejects an unknown procedure, unit and field', () => {
    expect(errorFor((t) => t.replace('procedure: tev, year: 2016, value: 9690', 'procedure: abroad, year: 2016, value: 9690')))
      .toMatch(/figures\[9\] \(knowledge-and-talent\/applications\/abroad\/2016\)\.procedure/);
    expect(errorFor((t) => t.replace('value: 2946, unit: fte', 'value: 2946, unit: people'))).toMatch(/staff-fte.*\.unit/);
    expect(errorFor((t) => t.replace('value: 2946, unit: fte,', 'value: 2946, unit: fte, colour: red,'))).toMatch(/colour/);
  });

  it('rejects a figure of an undeclared metric, a unit that contradicts its metric, and a duplicate', () => {
    expect(errorFor((t) => t.replace('metric: staff-fte, procedure', 'metric: staff-headcount, procedure')))
      .toMatch(/personnel\/staff-headcount\/total\/2016\)\.metric: metric "staff-headcount" is not declared/);
    expect(errorFor((t) => t.replace('value: 2946, unit: fte', 'value: 2946, unit: count')))
      .toMatch(/\.unit: "count" but the metric's unit is "fte"/);
    const line = original.split('\n').find((l) => l.includes('metric: staff-fte'))!;
    expect(errorFor((t) => t.replace(line, `${line}\n${line}`))).toMatch(/personnel\/staff-fte\/total\/2016\): the same figure is given twice/);
  });

  it('rejects a reference to an undeclared footnote', () => {
    expect(errorFor((t) => t.replace('footnotes: [asylum-family-reunification-arrivals] }', 'footnotes: [no-such-note] }')))
      .toMatch(/footnote "no-such-note" is not declared/);
  });

  it('rejects an ISO code that is not two capitals', () => {
    expect(errorFor((t) => t.replace('country: JP', 'country: Japan'))).toMatch(/rankings\[2\].*country: an ISO 3166-1 alpha-2 code/);
  });
});
