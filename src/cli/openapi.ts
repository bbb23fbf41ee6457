import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openStore } from '../db/open.js';
import { renderOpenApi } from '../http/openapi.js';
import { buildDatabase } from '../seed/build-database.js';

/** `npm run openapi`: writes openapi/openapi.json from the routes' schemas, exactly as /openapi.json serves it. */
const dir = mkdtempSync(join(tmpdir(), 'ind-openapi-'));
const path = join(dir, 'ind.sqlite');
buildDatabase(path);
const store = openStore(path);
const app = await buildApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), { store });
await app.ready();
const target = process.argv[2] ?? 'openapi/openapi.json';
writeFileSync(target, renderOpenApi(app));
await app.close();
store.sqlite.close();
rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${target}`);
