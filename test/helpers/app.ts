import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import dispatch, { type InjectOptions, type Response } from 'light-my-request';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openStore, type Store } from '../../src/db/open.js';
import { Offload } from '../../src/offload/offload.js';
import { buildDatabase, seedFiles } from '../../src/seed/build-database.js';
import { storeKey } from './global-setup.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/**
 * The 2016 annual report alone, without the later releases: tests that check its printed figures
 * (the contract's examples, its 15 tables) run on this store.
 */
export const BASE_REPORT = (): string[] => [seedFiles()[0]!];

/**
 * A request as the app's HTTP server takes it: through the fast path (src/http/fast-path.ts),
 * which answers repeated requests from the response cache, and on to Fastify for the rest.
 * `app.inject` goes straight to Fastify and never takes the fast path.
 */
export function throughFastPath(app: FastifyInstance): (options: InjectOptions | string) => Promise<Response> {
  const listener = app.fastPath.listener((req, res) => app.routing(req, res));
  return (options) => dispatch(listener, options);
}

/**
 * One offload worker for every app the test files of a vitest worker build, kept while the files
 * run: a worker of its own per app, or one ended between two files, would load the chart library
 * again and draw with cold code each time (it cost the suite about 11 s of processor time). Idle,
 * it keeps nothing alive.
 */
const offload = new Offload(10 * 60_000);

export interface TestApp {
  app: FastifyInstance;
  /** A request through the fast path, as over the network: see `throughFastPath`. */
  request: (options: InjectOptions | string) => Promise<Response>;
  store: Store;
  path: string;
  close: () => Promise<void>;
}

/**
 * A fresh store in a temporary folder, opened read-only, and the real app on it. The store holds
 * `files` (by default every seed file): a copy of the one built once per run when there is one
 * (test/helpers/global-setup.ts), otherwise built here. Rate limiting and load shedding are off
 * unless a test sets RATE_LIMIT_MAX or MAX_EVENT_LOOP_DELAY_MS: a busy test machine must not
 * turn answers into 503s.
 */
export async function buildTestApp(
  options: {
    files?: string[];
    env?: Record<string, string | undefined>;
    /** Where the app logs, at the LOG_LEVEL of `env` (silent unless given). */
    logStream?: AppOptions['logStream'];
    /** Runs on the built app before it is ready, when hooks can still be added. */
    beforeReady?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ind-test-'));
  const path = join(dir, 'ind.sqlite');
  const files = options.files ?? seedFiles();
  const built = inject('seededStores')[storeKey(files)];
  if (built) copyFileSync(built, path);
  else buildDatabase(path, files);
  const store = openStore(path);
  const config: Config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '0', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_PATH: path, ...options.env });
  const app = await buildApp(config, { store, offload }, { logStream: options.logStream });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    request: throughFastPath(app),
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
