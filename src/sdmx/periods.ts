import { SdmxError } from './errors.js';

/** A time span as [first day, last day], in ISO dates, which compare as strings. */
export type Span = [string, string];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthSpan = (y: number, from: number, to: number): Span => [`${y}-${pad(from)}-01`, `${y}-${pad(to)}-${pad(lastDay(y, to))}`];

/**
 * The calendar span of a period as SDMX writes it (common:StandardTimePeriodType): a year, a
 * month, a day, a date-time, or a reporting period of the Gregorian year (A1, S1-2, Q1-4, M01-12).
 * Weekly and daily reporting periods are not needed by annual data and are refused as syntax errors.
 */
export function periodSpan(text: string, parameter: string): Span {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})(?:-A1)?$/.exec(text))) return monthSpan(+m[1]!, 1, 12);
  if ((m = /^(\d{4})-S([12])$/.exec(text))) return monthSpan(+m[1]!, +m[2]! * 6 - 5, +m[2]! * 6);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(text))) return monthSpan(+m[1]!, +m[2]! * 3 - 2, +m[2]! * 3);
  if ((m = /^(\d{4})-M?(0[1-9]|1[0-2])$/.exec(text))) return monthSpan(+m[1]!, +m[2]!, +m[2]!);
  if ((m = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(text)) && !Number.isNaN(Date.parse(m[1]!))) {
    return [m[1]!, m[1]!];
  }
  throw new SdmxError('syntax', `${parameter} must be a period: YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; got "${text}".`, parameter);
}

/** A timestamp for `updatedAfter`: an ISO date or date-time. */
export function parseInstant(text: string, parameter: string): number {
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t)) throw new SdmxError('syntax', `${parameter} must be an ISO 8601 date-time, YYYY-MM-DDThh:mm:ssZ; got "${text}".`, parameter);
  return t;
}

/** Years as SDMX periods: the data is annual, and a year is written as itself. */
export const yearPeriod = (year: number): string => String(year);
export const yearSpan = (year: number): Span => monthSpan(year, 1, 12);
