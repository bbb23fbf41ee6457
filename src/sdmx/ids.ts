/**
 * Identifiers of the SDMX view. SDMX ids are upper case with underscores; the /v1 ids are lower
 * case with hyphens. The mapping is one to one in both directions, so a client can move between
 * the two APIs without a lookup table.
 */
export const AGENCY = 'IND';
/** Agencies are listed in the agency scheme maintained by SDMX itself, as national services do. */
export const AGENCY_SCHEME = { agency: 'SDMX', id: 'AGENCIES', version: '1.0' } as const;
/** Every artefact has this version until a structure changes in a way that breaks a client. */
export const VERSION = '1.0';

export const TIME_DIMENSION = 'TIME_PERIOD';
export const PRIMARY_MEASURE = 'OBS_VALUE';

export const sdmxId = (id: string): string => id.toUpperCase().replace(/-/g, '_');
export const v1Id = (id: string): string => id.toLowerCase().replace(/_/g, '-');

/** Where the two SDMX REST APIs live, and where a table's data is in each. */
export const SDMX_ROOTS = { v21: '/sdmx/2.1', v3: '/sdmx/3' } as const;
export const sdmxDataPaths = (tableId: string) => ({
  v21: `${SDMX_ROOTS.v21}/data/${sdmxId(tableId)}`,
  v3: `${SDMX_ROOTS.v3}/data/dataflow/${AGENCY}/${sdmxId(tableId)}/${VERSION}`,
});
