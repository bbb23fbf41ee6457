import type { DateBasis, Localized, Precision, Procedure, Qualifier, ReleaseKind, Unit } from '../domain.js';

export interface Footnote {
  id: string;
  marker: string;
  metric: string;
  nl: string;
  en: string;
}

/** How exactly a value is given: `step` for rounded values, `qualifier` for approximate ones. */
export interface ValuePrecision {
  precision: Precision;
  step: number | null;
  qualifier: Qualifier | null;
}

/** One release's value of a figure: a vintage. */
export interface HistoryEntry extends ValuePrecision {
  release: string;
  value: number;
  /** What a reader of this value should know (a corrected year label, a wider scope). */
  note: Localized | null;
  /** The year the release printed, where it differs from the figure's year. */
  printedYear: number | null;
  /** True for a closer count the release gives beside its printed value (a footnote's correction). */
  revision: boolean;
}

export interface Observation extends ValuePrecision {
  table: string;
  metric: string;
  procedure: Procedure;
  year: number;
  /** The current value: see `currentVintage` for the rule that picks it. */
  value: number;
  unit: Unit;
  label: Localized;
  approximate: boolean;
  revisedValue: number | null;
  note: Localized | null;
  footnotes: { id: string; nl: string; en: string }[];
  /** The release the value comes from (`report` is kept for clients of the first version). */
  source: { release: string; report: string; url: string | null; section: string; row: string; inText: boolean };
  /** Every release's value for this figure, oldest release first; more than one entry means it was restated. */
  history: HistoryEntry[];
}

export interface Delta {
  table: string;
  metric: string;
  procedure: Procedure;
  unit: Unit;
  label: Localized;
  from: number;
  to: number;
  fromValue: number;
  toValue: number;
  change: number;
  changePercent: number | null;
  /** The coarser of the two inputs' precisions: a change is no more exact than what it is computed from. */
  precision: ValuePrecision['precision'];
  step: number | null;
}

export interface MetricInfo {
  id: string;
  unit: Unit;
  label: Localized;
  roundedTo: number;
  decimals: number;
  procedures: Procedure[];
  definition: Localized | null;
  /** True where a figure counts from a fixed start up to the end of its year, not within the year. */
  cumulative: boolean;
  years: number[];
}

export interface Ranking {
  table: string;
  year: number;
  rank: number;
  country: string;
  label: Localized;
  basis: Localized;
  ordered: boolean;
  release: string;
  report: string;
}

export interface TableInfo {
  id: string;
  heading: string;
  title: Localized;
  description: Localized;
  years: number[];
  procedures: Procedure[];
  metrics: MetricInfo[];
  hasBreakdown: boolean;
  footnotes: Footnote[];
}

export const CHECK_KINDS = ['parts-sum', 'weighted-rate', 'sum', 'stated-share', 'vintage-agreement', 'year-label'] as const;

export interface CheckInput {
  table: string;
  metric: string;
  procedure: Procedure;
  year: number;
  value: number;
  release: string;
  precision: ValuePrecision['precision'];
  step: number | null;
}

export interface Check {
  id: string;
  table: string;
  year: number;
  kind: (typeof CHECK_KINDS)[number];
  metric: string;
  unit: Unit;
  description: Localized;
  expected: number;
  actual: number;
  difference: number;
  tolerance: number;
  holds: boolean;
  status: 'holds' | 'fails';
  inputs: CheckInput[];
}

export interface BreakdownRow {
  metric: string;
  year: number;
  unit: Unit;
  label: Localized;
  total: number | null;
  tev: number | null;
  vvr: number | null;
  /** Whether the total agrees with TEV and VVR within the report's rounding; null where a part is missing. */
  agrees: boolean | null;
  check: Check | null;
}

export interface ReleaseInfo {
  id: string;
  /** The title exactly as published, in `language`. */
  title: string;
  language: 'nl' | 'en';
  publisher: Localized;
  url: string | null;
  kind: ReleaseKind;
  /** `date` where the day is known; `known` is the day, month or year that is known. */
  published: { date: string | null; known: string; basis: DateBasis };
  name: Localized;
  citation: Localized;
  /** True where the seed states a citation for the release; otherwise `citation` is composed from its title and address. */
  citationStated: boolean;
  note: Localized | null;
}

/** The release whose citation the dataset gives: the latest one that states a citation of its own. */
export interface ReportInfo {
  id: string;
  /** The last year the release gives figures for. */
  year: number;
  title: Localized;
  publisher: Localized;
  citation: Localized;
}
