/**
 * SDMX's own error codes (SDMX RESTful web services, section "Errors"), each with its HTTP status.
 * Thrown by the pure modules; the routes write them as SDMX-ML or problem+json.
 */
export const SDMX_ERRORS = {
  noResults: { code: 100, status: 404, text: 'No results found' },
  syntax: { code: 140, status: 400, text: 'Syntax error' },
  notAcceptable: { code: 406, status: 406, text: 'Not acceptable' },
} as const;

export type SdmxErrorKind = keyof typeof SDMX_ERRORS;

export class SdmxError extends Error {
  readonly code: number;
  readonly status: (typeof SDMX_ERRORS)[SdmxErrorKind]['status'];
  constructor(
    readonly kind: SdmxErrorKind,
    readonly detail: string,
    readonly parameter?: string,
  ) {
    super(detail);
    this.code = SDMX_ERRORS[kind].code;
    this.status = SDMX_ERRORS[kind].status;
  }
}
