import type { Language } from '../domain.js';
import { trusted, type SafeHtml } from './escape.js';

/**
 * The pages' charts, as plain data. Apache ECharts draws them on the server as SVG (no DOM, no
 * client script, see chart-drawing.ts), so the page paints at once and works without JavaScript.
 * That happens in a worker thread (src/offload): what is built here is everything a chart shows,
 * its bar and point labels written out in the page's language, so that the drawing needs nothing
 * but this data.
 */

export const PALETTE = {
  earlier: '#a9c4de',
  later: '#1d4f91',
  tev: '#1d4f91',
  vvr: '#f2b54a',
  ink: '#1f2933',
  grid: '#d9dee5',
  /** The ring around a point whose releases disagree. */
  disagree: '#a4161a',
} as const;

interface ChartText {
  /** The SVG's id; its title and description get ids made from it. */
  id: string;
  title: string;
  description: string;
  categories: string[];
}

export interface ComparisonChart extends ChartText {
  kind: 'comparison';
  /** Per series one label per value ('' where the value is null). */
  series: { name: string; values: (number | null)[]; color: string; labels: string[] }[];
  width: number;
  labelWidth: number;
}

export interface ShareChart extends ChartText {
  kind: 'share';
  parts: { name: string; shares: number[]; color: string; labelColor: string; labels: string[] }[];
  width: number;
}

export interface LineChart extends ChartText {
  kind: 'line';
  lines: (LineInput & { labels: string[] })[];
  /** The value axis's ticks are numbers ECharts chooses; they are written in this language. */
  axisLanguage: Language;
  width: number;
  height: number;
}

export type ChartSpec = ComparisonChart | ShareChart | LineChart;

/** Draws charts to accessible SVG, in the order given. */
export type DrawCharts = (charts: ChartSpec[]) => Promise<string[]>;

/**
 * The charts of one page. Each stands in the page as a placeholder until all are drawn at once;
 * no text of the data can make a placeholder, since the page escapes every `<` it is given.
 */
export class PageCharts {
  readonly #charts: ChartSpec[] = [];

  place(chart: ChartSpec): SafeHtml {
    return trusted(`<!--chart ${this.#charts.push(chart) - 1}-->`);
  }

  async drawInto(page: string, draw: DrawCharts): Promise<string> {
    if (this.#charts.length === 0) return page;
    const svgs = await draw(this.#charts);
    return page.replace(/<!--chart (\d+)-->/g, (_placeholder, i: string) => svgs[Number(i)]!);
  }
}

export interface SeriesInput {
  name: string;
  values: (number | null)[];
  color: string;
}

export interface ComparisonChartInput {
  id: string;
  title: string;
  description: string;
  categories: string[];
  /** Earlier year first; each bar is labelled with its series name and value. */
  series: SeriesInput[];
  format: (value: number) => string;
  width?: number;
  /** Room for the figure names beside the bars. */
  labelWidth?: number;
}

/** Horizontal bars, one group per figure, one bar per year. */
export function comparisonChart(input: ComparisonChartInput): ComparisonChart {
  return {
    kind: 'comparison',
    id: input.id,
    title: input.title,
    description: input.description,
    categories: input.categories,
    series: input.series.map((s) => ({
      ...s,
      labels: s.values.map((v) => (v === null ? '' : `${s.name}: ${input.format(v)}`)),
    })),
    width: input.width ?? 360,
    labelWidth: input.labelWidth ?? 96,
  };
}

export interface ShareChartInput {
  id: string;
  title: string;
  description: string;
  categories: string[];
  /** Each part's share of the whole per category, in per cent; the label says the name and share. */
  parts: { name: string; shares: number[]; color: string; labelColor: string }[];
  formatShare: (share: number) => string;
  width?: number;
}

/** One 100 % bar per figure, split into its parts, each part labelled with its name and share. */
export function shareChart(input: ShareChartInput): ShareChart {
  return {
    kind: 'share',
    id: input.id,
    title: input.title,
    description: input.description,
    categories: input.categories,
    parts: input.parts.map((part) => ({ ...part, labels: part.shares.map((s) => `${part.name} ${input.formatShare(s)}`) })),
    width: input.width ?? 360,
  };
}

export interface LineInput {
  name: string;
  /** One value per category; null where the year has no figure, which leaves a gap in the line. */
  values: (number | null)[];
  /** Points to draw with the disagreement marker, by category index. */
  flagged: boolean[];
  color: string;
  dash: 'solid' | 'dashed' | 'dotted';
  /** Whether each point carries its value as a text label. */
  labelled: boolean;
}

export interface LineChartInput {
  id: string;
  title: string;
  description: string;
  categories: string[];
  lines: LineInput[];
  /** Formats the point labels. */
  format: (value: number) => string;
  /** The language of the value axis's ticks. */
  axisLanguage: Language;
  width?: number;
  height?: number;
}

/**
 * Lines over the years. A year without a figure breaks the line rather than dropping to zero, and
 * a point whose releases disagree is drawn as a larger diamond with a dark ring, so the marker
 * differs in shape and not only in colour. Several lines are told apart by their dash and the legend.
 */
export function lineChart(input: LineChartInput): LineChart {
  return {
    kind: 'line',
    id: input.id,
    title: input.title,
    description: input.description,
    categories: input.categories,
    lines: input.lines.map((line) => ({ ...line, labels: line.values.map((v) => (v === null ? '' : input.format(v))) })),
    axisLanguage: input.axisLanguage,
    width: input.width ?? 560,
    height: input.height ?? 240,
  };
}
