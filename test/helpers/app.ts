import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore, type Store } from '../../src/db/open.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  path: string;
  close: () => Promise<void>;
}

/**
 * A fresh store built from seed files in a temporary folder, opened read-only, and the real app
 * on it. Rate limiting is off unless a test sets RATE_LIMIT_MAX.
 */
export async function buildTestApp(
  options: { files?: string[]; env?: Record<string, string>; logger?: AppOptions['logger'] } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ind-test-'));
  const path = join(dir, 'ind.sqlite');
  buildDatabase(path, options.files ?? seedFiles());
  const store = openStore(path);
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', DATABASE_PATH: path, ...options.env });
  const app = await buildApp(config, { store }, options.logger ? { logger: options.logger } : {});
  await app.ready();
  return {
    app,
    store,
    path,
    close: async () => {
      await app.close();
      store.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
