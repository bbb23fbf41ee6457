import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore, type Store } from '../../src/db/open.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/**
 * The 2016 annual report alone, without the later releases: tests that check its printed figures
 * (the contract's examples, its 15 tables) run on this store.
 */
export const BASE_REPORT = (): string[] => [seedFiles()[0]!];

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  path: string;
  close: () => Promise<void>;
}

/**
 * A fresh store built from seed files in a temporary folder, opened read-only, and the real app
 * on it. Rate limiting and load shedding are off unless a test sets RATE_LIMIT_MAX or
 * MAX_EVENT_LOOP_DELAY_MS: a busy test machine must not turn answers into 503s.
 */
export async function buildTestApp(
  options: { files?: string[]; env?: Record<string, string | undefined>; logger?: AppOptions['logger'] } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ind-test-'));
  const path = join(dir, 'ind.sqlite');
  buildDatabase(path, options.files ?? seedFiles());
  const store = openStore(path);
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_PATH: path, ...options.env });
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

/**
 * Builds a fresh app before the tests of the enclosing `describe` and closes it after them.
 * Returns a getter, since the app exists only once `beforeAll` has run.
 */
export function useTestApp(options: Parameters<typeof buildTestApp>[0] = {}): () => TestApp {
  let built: TestApp | undefined;
  beforeAll(async () => {
    built = await buildTestApp(options);
  });
  afterAll(async () => {
    await built?.close();
  });
  return () => {
    if (!built) throw new Error('the test app is built in beforeAll');
    return built;
  };
}
