import type { Localized, Procedure, Unit } from '../domain.js';

export interface Footnote {
  id: string;
  marker: string;
  metric: string;
  nl: string;
  en: string;
}

export interface HistoryEntry {
  report: string;
  value: number;
}

export interface Observation {
  table: string;
  metric: string;
  procedure: Procedure;
  year: number;
  value: number;
  unit: Unit;
  label: Localized;
  approximate: boolean;
  revisedValue: number | null;
  footnotes: { id: string; nl: string; en: string }[];
  source: { report: string; section: string; row: string; inText: boolean };
  /** Every report's value for this figure, oldest report first; more than one entry means it was restated. */
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
}

export interface MetricInfo {
  id: string;
  unit: Unit;
  label: Localized;
  roundedTo: number;
  decimals: number;
  procedures: Procedure[];
}

export interface Ranking {
  table: string;
  year: number;
  rank: number;
  country: string;
  label: Localized;
  basis: Localized;
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

export interface Check {
  id: string;
  table: string;
  year: number;
  kind: 'parts-sum' | 'weighted-rate' | 'finance-result' | 'stated-share';
  metric: string;
  unit: Unit;
  description: Localized;
  expected: number;
  actual: number;
  difference: number;
  tolerance: number;
  holds: boolean;
  inputs: { metric: string; procedure: Procedure; value: number }[];
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

export interface ReportInfo {
  id: string;
  year: number;
  title: Localized;
  publisher: Localized;
  citation: Localized;
}
