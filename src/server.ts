import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openStore } from './db/open.js';

/** Opens the store read-only, builds the app and listens. Any start-up failure is one line and exit 1. */
async function main() {
  const config = loadConfig();
  const store = openStore(config.DATABASE_PATH);
  const app = await buildApp(config, { store });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    store.sqlite.close();
  });

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err: Error) => {
  console.error(`ind-statistics-api: ${err.message}`);
  process.exit(1);
});
