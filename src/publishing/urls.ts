/**
 * Every absolute URL the open-data documents publish, built from the configured public base so
 * that a harvester sees the same addresses whatever Host header reached us.
 */
export function publicUrls(base: string) {
  return {
    frontDoor: `${base}/v1`,
    docs: `${base}/docs`,
    openapi: `${base}/openapi.json`,
    catalog: `${base}/v1/catalog`,
    tables: `${base}/v1/tables`,
    tablesJsonStat: `${base}/v1/tables?format=json-stat`,
    figures: `${base}/v1/figures`,
    table: (id: string) => `${base}/v1/tables/${id}`,
    tableCsv: (id: string) => `${base}/v1/tables/${id}?format=csv`,
    tableCsvMetadata: (id: string) => `${base}/v1/tables/${id}?format=csv-metadata`,
    tableJsonStat: (id: string) => `${base}/v1/tables/${id}?format=json-stat`,
    sqlite: `${base}/v1/download/ind.sqlite`,
    figuresCsv: `${base}/v1/download/figures.csv`,
    figuresCsvMetadata: `${base}/v1/download/figures.csv-metadata.json`,
  };
}

export type PublicUrls = ReturnType<typeof publicUrls>;
