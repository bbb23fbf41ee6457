import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.js';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Store {
  path: string;
  sqlite: Database.Database;
  orm: Orm;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * Opens the store for serving: read-only, and it must already exist and hold our schema, so that
 * a wrong path fails here, at start-up, and not later as a 500.
 */
export function openStore(path: string): Store {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`);
  }
  try {
    sqlite.pragma('query_only = ON');
    const row = sqlite.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'observations'").get() as { n: number };
    if (row.n !== 1) throw new Error('it holds no observations table (not an IND statistics store)');
    sqlite.prepare('select count(*) from observations').get();
  } catch (err) {
    sqlite.close();
    throw new StoreError(`cannot use database ${path}: ${(err as Error).message}`);
  }
  return { path, sqlite, orm: drizzle(sqlite, { schema }) };
}
