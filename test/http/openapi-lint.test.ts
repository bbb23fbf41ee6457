import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApi } from '../../src/http/openapi.js';
import { useTestApp } from '../helpers/app.js';

/**
 * The linters people point at an OpenAPI document, run as they would run them: Spectral with
 * the OpenAPI and OWASP API Security rulesets (.spectral.yaml) and Redocly's recommended rules
 * (redocly.yaml), on the document the app generates. Both run offline from node_modules.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const run = promisify(execFile);
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' };

/** Runs a linter that exits non-zero when it finds errors; its JSON report is on stdout either way. */
async function report(command: string, args: string[]): Promise<string> {
  try {
    return (await run(join(BIN, command), args, { cwd: ROOT, env: ENV, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    if (failed.stdout) return failed.stdout;
    throw new Error(`${command} did not run: ${failed.stderr ?? String(error)}`);
  }
}

interface Finding {
  rule: string;
  where: string;
  message: string;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.rule} at ${f.where}: ${f.message}`);

describe('OpenAPI document under Spectral and Redocly', () => {
  const t = useTestApp();
  let dir: string;
  let spectral: Promise<string>;
  let redocly: Promise<string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-openapi-lint-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, renderOpenApi(t().app));
    // Both linters at once: each spends most of its time starting up.
    spectral = report('spectral', ['lint', '--ruleset', join(ROOT, '.spectral.yaml'), '--format', 'json', '--quiet', file]);
    redocly = report('redocly', ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json']);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has no Spectral errors with spectral:oas and the OWASP API Security ruleset', async () => {
    const out = await spectral;
    const results = JSON.parse(out || '[]') as { code: string; severity: number; path: string[]; message: string }[];
    const bySeverity = (severity: number): Finding[] =>
      results.filter((r) => r.severity === severity).map((r) => ({ rule: r.code, where: r.path.join('.'), message: r.message }));
    const warnings = bySeverity(1);
    console.log(`[openapi lint] Spectral: ${bySeverity(0).length} errors, ${warnings.length} warnings${warnings.length ? ` (${[...new Set(warnings.map((w) => w.rule))].join(', ')})` : ''}`);
    expect(show(bySeverity(0))).toEqual([]);
  });

  it('has no Redocly errors with the recommended ruleset', async () => {
    const out = await redocly;
    const parsed = JSON.parse(out.slice(out.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    console.log(`[openapi lint] Redocly: ${parsed.totals.errors} errors, ${parsed.totals.warnings} warnings`);
    const errors = parsed.problems
      .filter((p) => p.severity === 'error')
      .map((p) => ({ rule: p.ruleId, where: p.location[0]?.pointer ?? '', message: p.message }));
    expect(show(errors)).toEqual([]);
    expect(parsed.totals.errors).toBe(0);
  });
});
