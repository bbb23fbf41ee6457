import { existsSync } from 'node:fs';
import { loadConfig } from '../config.js';
import { buildDatabase } from '../seed/build-database.js';

/** `npm run seed` (re)builds the store; `--if-missing` leaves an existing one alone (used by `npm start`). */
const config = loadConfig();
const target = config.DATABASE_PATH;
if (process.argv.includes('--if-missing') && existsSync(target)) process.exit(0);
try {
  const { releases, figures } = buildDatabase(target);
  console.log(`seeded ${target}: ${releases} release(s), ${figures} figures`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
