import { loadConfig } from './config.js';
import { openStore, StoreError } from './db/open.js';

/**
 * Opens the store read-only, builds the app and listens. Any start-up failure is one line on
 * stderr and exit 1; SIGTERM/SIGINT stop accepting connections, let requests in flight finish,
 * and exit 0. The store is opened and checked before the application is even loaded, so a wrong
 * or damaged store fails within a few milliseconds of start.
 */
async function main() {
  const config = loadConfig();
  const store = openStore(config.DATABASE_PATH);
  const [{ buildApp, LogDestination }, { default: closeWithGrace }] = await Promise.all([import('./app.js'), import('close-with-grace')]);
  // The log destination writes in batches: what waits goes out as the process exits, however it exits.
  const logStream = new LogDestination();
  process.once('exit', () => logStream.flushSync());
  const app = await buildApp(config, { store }, { logStream }).catch((err: Error) => {
    throw err instanceof StoreError ? err : new StoreError(`cannot use database ${config.DATABASE_PATH}: ${err.message}`);
  });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing: finishing requests in flight');
    // Connections become idle as their last response finishes; close them as they do.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
    } finally {
      clearInterval(sweep);
    }
    store.sqlite.close();
    app.log.info('closed');
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

/** Settles once the server listens; the launcher (src/launch/server.ts) waits for it. */
export const listening: Promise<void> = main().catch((err: Error) => {
  console.error(`ind-statistics-api: ${err.message.replace(/\s*\n\s*/g, ' ')}`);
  process.exit(1);
});
