import { csvRenderer, csvwRenderer, formatQuery, jsonStatRenderer } from '../http/renderers/index.js';

/** The API resources of one table, as paths; every link to them is built from this. */
export function tablePaths(id: string) {
  return {
    self: `/v1/tables/${id}`,
    figures: `/v1/figures?table=${id}`,
    deltas: `/v1/deltas?table=${id}`,
    breakdown: `/v1/tables/${id}/breakdown`,
    csv: `/v1/tables/${id}${formatQuery(csvRenderer)}`,
    csvMetadata: `/v1/tables/${id}${formatQuery(csvwRenderer)}`,
    jsonStat: `/v1/tables/${id}${formatQuery(jsonStatRenderer)}`,
  };
}

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
    tablesJsonStat: `${base}/v1/tables${formatQuery(jsonStatRenderer)}`,
    figures: `${base}/v1/figures`,
    table: (id: string) => `${base}${tablePaths(id).self}`,
    tableCsv: (id: string) => `${base}${tablePaths(id).csv}`,
    tableCsvMetadata: (id: string) => `${base}${tablePaths(id).csvMetadata}`,
    tableJsonStat: (id: string) => `${base}${tablePaths(id).jsonStat}`,
    sqlite: `${base}/v1/download/ind.sqlite`,
    figuresCsv: `${base}/v1/download/figures.csv`,
    figuresCsvMetadata: `${base}/v1/download/figures.csv-metadata.json`,
    download: (file: string) => `${base}/v1/download/${file}`,
  };
}

export type PublicUrls = ReturnType<typeof publicUrls>;
