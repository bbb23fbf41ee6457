import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

/**
 * The store as served. Serving reads it once with plain statements (src/data/load-dataset.ts), so
 * the handle is better-sqlite3's own; drizzle, which writes the store, is not loaded to serve it.
 */
export interface Store {
  path: string;
  /** Device and inode of the file opened, to notice when it is removed or replaced. */
  file: { dev: number; ino: number };
  sqlite: Database.Database;
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
    throw new StoreError(`cannot open database ${path}: ${oneLine((err as Error).message)}`);
  }
  try {
    sqlite.pragma('query_only = ON');
    const row = sqlite.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'observations'").get() as { n: number };
    if (row.n !== 1) throw new Error('it holds no observations table (not an IND statistics store)');
    sqlite.prepare('select count(*) from observations').get();
    // The store is small; a full structural check costs milliseconds and turns a damaged file
    // into a start-up failure instead of errors on the first requests that touch the bad pages.
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`it is damaged (${String(check)})`);
  } catch (err) {
    sqlite.close();
    throw new StoreError(`cannot use database ${path}: ${oneLine((err as Error).message)}`);
  }
  const { dev, ino } = statSync(path);
  return { path, file: { dev, ino }, sqlite };
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/**
 * A check of whether the store still answers. An open handle keeps answering after its file is
 * deleted or replaced (on Linux the inode lives on), so it also asks whether the path still names
 * the very file that was opened. Its query is prepared once. The verdict is kept for `keepMs`
 * (HEALTH_CHECK_INTERVAL_MS): a load balancer that asks every few seconds gets a fresh check each
 * time, and a flood of health requests costs one check per interval, not one each.
 */
export function storeCheck(store: Store, keepMs = 0): () => boolean {
  let ping: Database.Statement | undefined;
  const check = () => {
    try {
      const { dev, ino } = statSync(store.path);
      if (dev !== store.file.dev || ino !== store.file.ino) return false;
      ping ??= store.sqlite.prepare('select 1');
      ping.get();
      return true;
    } catch {
      return false;
    }
  };
  let verdict = false;
  let checkedAt = -Infinity;
  return () => {
    const now = performance.now();
    if (now - checkedAt >= keepMs) {
      verdict = check();
      checkedAt = now;
    }
    return verdict;
  };
}
