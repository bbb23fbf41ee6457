import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

/**
 * The SDMX schemas, read from the shared standards folder beside the repository (never copied
 * into it); STANDARDS_DIR points elsewhere for a checkout that does not sit beside shared/.
 */
const REPO = resolve(import.meta.dirname, '..', '..');
export const SDMX_STANDARDS = resolve(process.env.STANDARDS_DIR ?? resolve(REPO, '..', 'shared', 'standards'), 'sdmx');
export const ML21 = join(SDMX_STANDARDS, '2.1', 'ml');
const MESSAGE_XSD = join(ML21, 'SDMXMessage.xsd');

export const standardsPresent = existsSync(MESSAGE_XSD);
export const xmllintPresent = spawnSync('xmllint', ['--version']).status === 0;
if (!standardsPresent) console.warn(`SDMX standards not found at ${SDMX_STANDARDS}: the SDMX validation tests are skipped (set STANDARDS_DIR).`);
if (!xmllintPresent) console.warn('xmllint is missing (Debian package libxml2-utils): the SDMX-ML validation tests are skipped.');

/** Validates XML against a schema with xmllint, offline; returns xmllint's complaints, empty when valid. */
export function xmllint(xml: string, schema = MESSAGE_XSD): string {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8' });
  return run.status === 0 ? '' : run.stderr;
}

/**
 * A schema that brings SDMX's message schema and a served structure-specific schema together,
 * the latter pointed at the local copies of SDMX's schemas it imports.
 */
export function structureSpecificValidator(servedXsd: string, namespace: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdmx-xsd-'));
  const local = servedXsd.replace(/schemaLocation="[^"]*\/([A-Za-z]+\.xsd)"/g, (_m, file: string) => `schemaLocation="${join(ML21, file)}"`);
  writeFileSync(join(dir, 'structure.xsd'), local);
  writeFileSync(
    join(dir, 'all.xsd'),
    `<?xml version="1.0" encoding="UTF-8"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:all">` +
      `<xs:import namespace="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" schemaLocation="${MESSAGE_XSD}"/>` +
      `<xs:import namespace="${namespace.replace(/&/g, '&amp;')}" schemaLocation="${join(dir, 'structure.xsd')}"/></xs:schema>`,
  );
  return join(dir, 'all.xsd');
}

const readJson = (...path: string[]) => JSON.parse(readFileSync(join(SDMX_STANDARDS, ...path), 'utf8'));

/**
 * SDMX-JSON 1.0 data (draft-04 style schema) and SDMX-JSON 2.1 data and structure (2019-09), each
 * compiled when first asked for: compiling the three took about a second, and each test file
 * needs one or two of them.
 */
export const sdmxJsonValidator = {
  data1: once(() => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schema = readJson('2.1', 'json', 'sdmx-json-data-schema.json');
    delete schema.$schema;
    delete schema.id;
    return ajv.compile(schema);
  }),
  data2: once(() => ajv2019().compile(readJson('3', 'json', 'data-message', 'tools', 'schemas', 'sdmx-json-data-schema.json'))),
  structure2: once(() => ajv2019().compile(readJson('3', 'json', 'structure-message', 'tools', 'schemas', 'sdmx-json-structure-schema.json'))),
};

function ajv2019() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

