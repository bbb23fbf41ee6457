import { RELEASE_KINDS } from '../domain.js';
import type { HistoryEntry, ReleaseInfo } from './types.js';

/**
 * When releases were published, and which of them a question "as of" a date or a release covers.
 * A release whose day is unknown is known to a year or a month ("2018", "2016-05").
 */

/** The first day a partial date can stand for: "2018" → "2018-01-01". */
export function earliestDay(known: string): string {
  return known.length === 4 ? `${known}-01-01` : known.length === 7 ? `${known}-01` : known;
}

/** The last day a partial date can stand for: "2018" → "2018-12-31", "2016-02" → "2016-02-29". */
export function latestDay(known: string): string {
  if (known.length === 10) return known;
  if (known.length === 4) return `${known}-12-31`;
  const [year, month] = known.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${known}-${String(last).padStart(2, '0')}`;
}

/**
 * The order in which releases are taken to have appeared, oldest first: by the first day each
 * can have appeared, then by kind (RELEASE_KINDS, later kinds count as more recent on the same
 * day), then by id, so that the order is total and the same on every run.
 */
export function compareReleases(a: ReleaseInfo, b: ReleaseInfo): number {
  return byCodePoint(earliestDay(a.published.known), earliestDay(b.published.known)) ||
    RELEASE_KINDS.indexOf(a.kind) - RELEASE_KINDS.indexOf(b.kind) || byCodePoint(a.id, b.id);
}

/**
 * Plain string order. Days are ISO dates of one shape, ids are lower-case words joined by hyphens
 * and years have four digits (checked when the store is seeded), so it gives what localeCompare
 * would, without loading ICU's collation rules (15-20 ms, and about 3 MiB the process keeps).
 */
export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The releases certainly published by the end of `date` (a partial date counts from its last day). */
export function releasesPublishedBy(releases: ReleaseInfo[], date: string): ReleaseInfo[] {
  return releases.filter((r) => latestDay(r.published.known) <= date);
}

/** `releases` in publication order up to and including `id`. */
export function releasesUpTo(ordered: ReleaseInfo[], id: string): ReleaseInfo[] {
  const at = ordered.findIndex((r) => r.id === id);
  return at < 0 ? [] : ordered.slice(0, at + 1);
}

/** Whether `exact` lies within the rounding of `rounded`: |rounded − exact| ≤ step / 2. */
export function withinRounding(rounded: HistoryEntry, exact: number): boolean {
  return Math.abs(rounded.value - exact) <= (rounded.step ?? 0) / 2 + 1e-9;
}

/**
 * The vintage served as a figure's value, from the printed values (not a footnote's closer count),
 * oldest first. It is the most recent release's value; but where that value is rounded or
 * approximate and an exact value of an earlier release lies within its rounding, the two say the
 * same and the exact one carries more: the most recent such exact value is served.
 */
export function currentVintage(printed: HistoryEntry[]): HistoryEntry | undefined {
  const latest = printed[printed.length - 1];
  if (!latest || latest.precision !== 'rounded') return latest;
  for (let i = printed.length - 2; i >= 0; i--) {
    const v = printed[i]!;
    if (v.precision === 'exact' && withinRounding(latest, v.value)) return v;
  }
  return latest;
}
