import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { readStore, readTable } from '../../src/data/load-dataset.js';
import * as schema from '../../src/db/schema.js';
import { useTestApp } from '../helpers/app.js';

/**
 * Serving reads the store with plain statements; the schema's drizzle tables say what each row
 * is. Both must give the same rows, property for property and in the same order, booleans
 * included, so that a change to the schema cannot slip past the reader.
 */
describe('reading the store for serving', () => {
  const t = useTestApp();
  const tables = Object.values(schema).filter((table) => is(table, SQLiteTable));

  it('reads every table of the schema exactly as drizzle selects it', () => {
    const orm = drizzle(t().store.sqlite, { schema });
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) {
      const selected = orm.select().from(table).all();
      expect(selected.length, getTableName(table)).toBeGreaterThan(0);
      expect(JSON.stringify(readTable(t().store.sqlite, getTableName(table))), getTableName(table)).toBe(JSON.stringify(selected));
    }
  });

  it('reads booleans as booleans', () => {
    const rows = readStore(t().store.sqlite);
    const flags = [...rows.metrics.map((m) => m.cumulative), ...rows.observations.map((o) => o.inText), ...rows.rankings.map((r) => r.ordered), ...rows.statedShares.map((s) => s.approximate)];
    expect(flags.length).toBeGreaterThan(0);
    for (const value of flags) expect(typeof value).toBe('boolean');
  });
});
