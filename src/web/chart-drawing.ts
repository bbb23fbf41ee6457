import { createRequire } from 'node:module';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ChartSpec, ComparisonChart, LineChart, ShareChart } from './charts.js';
import { PALETTE } from './charts.js';
import { escapeHtml } from './escape.js';
import { formatNumber, ownDecimals } from './format.js';

/**
 * Draws the pages' charts (charts.ts) with Apache ECharts' SVG renderer. ECharts gives the SVG no
 * accessible name when it renders on the server, so each chart gets a <title> and <desc> that tell
 * its numbers, and every bar carries a text label: colour is never the only way to read it.
 * This module runs in the offload worker (src/offload), which loads ECharts for the drawing and
 * gives its memory back when it ends.
 */
type ECharts = typeof import('echarts/core');
let loaded: ECharts | undefined;

/** ECharts' prebuilt minified file: one file compiles in a fraction of the time its hundreds of modules take. */
function echarts(): ECharts {
  loaded ??= createRequire(import.meta.url)('echarts/dist/echarts.min') as ECharts;
  return loaded;
}

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption>;

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
 * thread (`zr34-c0`, `zr34-cls-34`), so the same chart would come out with other names, and the
 * page with other bytes and another ETag, depending on what was drawn before. The names are
 * made the chart's own: its id, then the number of the name within the chart.
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
function accessible(rendered: string, id: string, title: string, description: string): string {
  const svg = ownNames(lighter(withoutInlineStyles(rendered)), id);
  const open = svg.indexOf('>');
  const tag = svg
    .slice(0, open)
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" class="chart-svg" id="${id}"`);
  const head = `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`;
  return `${tag}>${head}${svg.slice(open + 1)}`;
}

/** A label formatter that gives each data point the label written for it. */
const labelled = (labels: string[]) => (p: { dataIndex: number }) => labels[p.dataIndex]!;

function comparison(chart: ComparisonChart): string {
  const rowHeight = 20 * chart.series.length + 18;
  const height = chart.categories.length * rowHeight + 16;
  const series: BarSeriesOption[] = chart.series.map((s) => ({
    type: 'bar',
    name: s.name,
    silent: true,
    emphasis: { disabled: true },
    data: s.values,
    barWidth: 16,
    barGap: '20%',
    itemStyle: { color: s.color },
    label: { show: true, position: 'right', color: PALETTE.ink, fontSize: 12, formatter: labelled(s.labels) },
  }));
  const svg = renderSvg(
    {
      grid: { left: 16, right: 96, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.categories,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: PALETTE.grid } },
        axisLabel: { width: chart.labelWidth, overflow: 'break', fontSize: 12, color: PALETTE.ink, lineHeight: 14 },
      },
      series,
    },
    chart.width,
    height,
  );
  return accessible(svg, chart.id, chart.title, chart.description);
}

function share(chart: ShareChart): string {
  const height = chart.categories.length * 40 + 12;
  const series: BarSeriesOption[] = chart.parts.map((part) => ({
    type: 'bar',
    name: part.name,
    silent: true,
    emphasis: { disabled: true },
    stack: 'share',
    data: part.shares,
    barWidth: 26,
    itemStyle: { color: part.color, borderColor: '#ffffff', borderWidth: 1 },
    label: { show: true, position: 'inside', color: part.labelColor, fontSize: 12, fontWeight: 'bold', formatter: labelled(part.labels) },
  }));
  const svg = renderSvg(
    {
      grid: { left: 12, right: 8, top: 6, bottom: 6, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', show: false, max: 100 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.categories,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { width: 90, overflow: 'break', fontSize: 12, color: PALETTE.ink },
      },
      series,
    },
    chart.width,
    height,
  );
  return accessible(svg, chart.id, chart.title, chart.description);
}

function line(chart: LineChart): string {
  const legend = chart.lines.length > 1;
  const series: LineSeriesOption[] = chart.lines.map((line) => ({
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
    label: { show: line.labelled, position: 'top', color: PALETTE.ink, fontSize: 11, formatter: labelled(line.labels) },
  }));
  const svg = renderSvg(
    {
      grid: { left: 8, right: 24, top: legend ? 40 : 24, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      legend: legend
        ? { show: true, top: 0, left: 0, selectedMode: false, itemWidth: 28, textStyle: { fontSize: 12, color: PALETTE.ink } }
        : { show: false },
      xAxis: {
        type: 'category',
        data: chart.categories,
        boundaryGap: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: PALETTE.grid } },
        axisLabel: { fontSize: 12, color: PALETTE.ink },
      },
      yAxis: {
        type: 'value',
        splitNumber: 3,
        axisLabel: { fontSize: 11, color: PALETTE.ink, formatter: (v: number) => formatNumber(v, chart.axisLanguage, ownDecimals(v)) },
        splitLine: { lineStyle: { color: PALETTE.grid } },
      },
      series,
    },
    chart.width,
    chart.height,
  );
  return accessible(unclipped(svg), chart.id, chart.title, chart.description);
}

const DRAW: { [K in ChartSpec['kind']]: (chart: Extract<ChartSpec, { kind: K }>) => string } = { comparison, share, line };

/** Each chart as accessible SVG without inline styles, the same bytes whatever was drawn before. */
export function drawCharts(charts: ChartSpec[]): string[] {
  return charts.map((chart) => (DRAW[chart.kind] as (c: ChartSpec) => string)(chart));
}
