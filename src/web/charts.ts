import { createRequire } from 'node:module';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { escapeHtml, trusted, type SafeHtml } from './escape.js';

/**
 * Charts are drawn on the server by Apache ECharts' SVG renderer (no DOM, no client script), so
 * the page paints at once and works without JavaScript. ECharts gives the SVG no accessible name
 * when it renders on the server, so each chart gets a <title> and <desc> that tell its numbers,
 * and every bar carries a text label: colour is never the only way to read it.
 */
type ECharts = typeof import('echarts/core');
let loaded: ECharts | undefined;

/**
 * ECharts is loaded when the first chart is drawn, not at start-up, from its prebuilt minified
 * file: one file compiles in a fraction of the time its hundreds of modules take.
 */
function echarts(): ECharts {
  loaded ??= createRequire(import.meta.url)('echarts/dist/echarts.min') as ECharts;
  return loaded;
}

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption>;

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

// ECharts lays out text with Arial's character widths when it renders without a browser, so the
// charts ask for Arial or a font with the same metrics; the grid keeps a margin for other fonts.
// No quotes: ECharts writes the family into an attribute without escaping them.
const FONT = 'Arial, Liberation Sans, Arimo, Helvetica, sans-serif';

function renderSvg(option: Option, width: number, height: number): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: PALETTE.ink }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * The pages' Content-Security-Policy allows no inline styles, so the SVG's style attributes become
 * presentation attributes and its <style> blocks (hover effects only) are dropped.
 */
function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, declarations: string) =>
      declarations
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const colon = d.indexOf(':');
          return ` ${d.slice(0, colon).trim()}="${escapeHtml(d.slice(colon + 1).trim())}"`;
        })
        .join(''),
    );
}

/**
 * What the browser would draw, and nothing else: a static chart needs no invisible hit areas
 * (shapes with neither fill nor stroke), no renderer bookkeeping attributes and no classes for
 * the dropped hover styles, and the font is said once on the root. Fewer elements and bytes
 * mean less work for the browser to parse, style and lay out.
 */
function lighter(svg: string): string {
  return mergedLines(svg
    .replace(/<(path|rect)\b(?![^>]*\bstroke=)[^>]*\bfill="none"[^>]*><\/\1>\n?/g, '')
    .replace(/<(path|rect)\b(?=[^>]*\bfill-opacity="0")(?=[^>]*\bstroke-width="0")[^>]*><\/\1>\n?/g, '')
    .replace(/ (ecmeta_\w+|pointer-events|class)="[^"]*"/g, '')
    .replace(/ xmlns:xlink="[^"]*"| version="1\.1"| baseProfile="full"/g, '')
    .replaceAll(` font-family="${FONT}"`, '')
    .replace(/^<svg/, `<svg font-family="${FONT}"`));
}

/**
 * Unfilled paths that follow each other with the same stroke (the grid lines of an axis) are
 * drawn the same as one path with all their segments, which is one element instead of many.
 */
function mergedLines(svg: string): string {
  return svg.replace(/(?:<path d="[^"]*" fill="none"[^>]*><\/path>\n?){2,}/g, (run) => {
    const groups: { rest: string; d: string[] }[] = [];
    for (const [, d, rest] of run.matchAll(/<path d="([^"]*)"( fill="none"[^>]*)><\/path>/g)) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last.rest === rest) last.d.push(d!);
      else groups.push({ rest: rest!, d: [d!] });
    }
    return groups.map((g) => `<path d="${g.d.join('')}"${g.rest}></path>\n`).join('');
  });
}

/**
 * The line chart's clip paths only keep lines inside the grid, where they are drawn anyway: the
 * groups they wrap can go, and the chart needs no definitions.
 */
function unclipped(svg: string): string {
  return svg
    .replace(/<g clip-path="url\(#[^)]*\)">\n?([\s\S]*?)<\/g>\n?/g, '$1')
    .replace(/<defs\s*>\s*(?:<clipPath[^>]*>[\s\S]*?<\/clipPath>\s*)*<\/defs>\n?/g, '');
}

/**
 * ECharts names its clip paths and style classes after a counter that runs across the whole
 * process (`zr34-c0`, `zr34-cls-34`), so the same chart would come out with other names, and the
 * page with other bytes and another ETag, depending on what the process drew before. The names
 * are made the chart's own: its id, then the number of the name within the chart.
 */
function ownNames(svg: string, id: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-[\w-]+/g, (name) => {
    let own = names.get(name);
    if (own === undefined) {
      own = `${id}-${names.size}`;
      names.set(name, own);
    }
    return own;
  });
}

/** Gives the SVG an accessible name and description and lets CSS scale it to its container. */
function accessible(rendered: string, id: string, title: string, description: string): SafeHtml {
  const svg = ownNames(lighter(withoutInlineStyles(rendered)), id);
  const open = svg.indexOf('>');
  const tag = svg
    .slice(0, open)
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" class="chart-svg" id="${id}"`);
  const head = `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`;
  return trusted(`${tag}>${head}${svg.slice(open + 1)}`);
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
export function comparisonChart(input: ComparisonChartInput): SafeHtml {
  const width = input.width ?? 360;
  const rowHeight = 20 * input.series.length + 18;
  const height = input.categories.length * rowHeight + 16;
  const series: BarSeriesOption[] = input.series.map((s) => ({
    type: 'bar',
    name: s.name,
    silent: true,
    emphasis: { disabled: true },
    data: s.values.map((v) => (v === null ? null : v)),
    barWidth: 16,
    barGap: '20%',
    itemStyle: { color: s.color },
    label: {
      show: true,
      position: 'right',
      color: PALETTE.ink,
      fontSize: 12,
      formatter: (p) => `${s.name}: ${input.format(Number(p.value))}`,
    },
  }));
  const svg = renderSvg(
    {
      grid: { left: 16, right: 96, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.categories,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: PALETTE.grid } },
        axisLabel: { width: input.labelWidth ?? 96, overflow: 'break', fontSize: 12, color: PALETTE.ink, lineHeight: 14 },
      },
      series,
    },
    width,
    height,
  );
  return accessible(svg, input.id, input.title, input.description);
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
export function shareChart(input: ShareChartInput): SafeHtml {
  const width = input.width ?? 360;
  const height = input.categories.length * 40 + 12;
  const series: BarSeriesOption[] = input.parts.map((part) => ({
    type: 'bar',
    name: part.name,
    silent: true,
    emphasis: { disabled: true },
    stack: 'share',
    data: part.shares,
    barWidth: 26,
    itemStyle: { color: part.color, borderColor: '#ffffff', borderWidth: 1 },
    label: {
      show: true,
      position: 'inside',
      color: part.labelColor,
      fontSize: 12,
      fontWeight: 'bold',
      formatter: (p) => `${part.name} ${input.formatShare(Number(p.value))}`,
    },
  }));
  const svg = renderSvg(
    {
      grid: { left: 12, right: 8, top: 6, bottom: 6, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', show: false, max: 100 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: input.categories,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { width: 90, overflow: 'break', fontSize: 12, color: PALETTE.ink },
      },
      series,
    },
    width,
    height,
  );
  return accessible(svg, input.id, input.title, input.description);
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
  /** Formats the value axis's ticks. */
  axisFormat: (value: number) => string;
  width?: number;
  height?: number;
}

/**
 * Lines over the years. A year without a figure breaks the line rather than dropping to zero, and
 * a point whose releases disagree is drawn as a larger diamond with a dark ring, so the marker
 * differs in shape and not only in colour. Several lines are told apart by their dash and the legend.
 */
export function lineChart(input: LineChartInput): SafeHtml {
  const width = input.width ?? 560;
  const height = input.height ?? 240;
  const legend = input.lines.length > 1;
  const series: LineSeriesOption[] = input.lines.map((line) => ({
    type: 'line',
    name: line.name,
    silent: true,
    emphasis: { disabled: true },
    connectNulls: false,
    // Lines stay inside the grid anyway; without clipping the chart needs no clip paths.
    clip: false,
    showAllSymbol: true,
    symbol: 'circle',
    symbolSize: 6,
    lineStyle: { color: line.color, width: 2, type: line.dash },
    itemStyle: { color: line.color },
    data: line.values.map((value, i) =>
      value === null
        ? null
        : line.flagged[i]
          ? { value, symbol: 'diamond', symbolSize: 14, itemStyle: { color: line.color, borderColor: PALETTE.disagree, borderWidth: 2 } }
          : value,
    ),
    label: {
      show: line.labelled,
      position: 'top',
      color: PALETTE.ink,
      fontSize: 11,
      formatter: (p) => input.format(Number(p.value)),
    },
  }));
  const svg = renderSvg(
    {
      grid: { left: 8, right: 24, top: legend ? 40 : 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      legend: legend
        ? { show: true, top: 0, left: 0, selectedMode: false, itemWidth: 28, textStyle: { fontSize: 12, color: PALETTE.ink } }
        : { show: false },
      xAxis: {
        type: 'category',
        data: input.categories,
        boundaryGap: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: PALETTE.grid } },
        axisLabel: { fontSize: 12, color: PALETTE.ink },
      },
      yAxis: {
        type: 'value',
        splitNumber: 3,
        axisLabel: { fontSize: 11, color: PALETTE.ink, formatter: (v: number) => input.axisFormat(v) },
        splitLine: { lineStyle: { color: PALETTE.grid } },
      },
      series,
    },
    width,
    height,
  );
  return accessible(unclipped(svg), input.id, input.title, input.description);
}
