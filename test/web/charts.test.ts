import { describe, expect, it } from 'vitest';
import { drawCharts } from '../../src/web/chart-drawing.js';
import { comparisonChart, lineChart, PALETTE, type ChartSpec, type LineChartInput } from '../../src/web/charts.js';

const years = ['a', 'b', 'c', 'd'];
const input = (id: string): LineChartInput => ({
  id,
  title: 'title',
  description: 'description',
  categories: years,
  lines: [
    { name: 'one', values: [10, 20, null, 40], flagged: [false, true, false, false], color: PALETTE.later, dash: 'solid', labelled: true },
    { name: 'two', values: [5, null, 7, 8], flagged: [false, false, false, true], color: PALETTE.vvr, dash: 'dashed', labelled: false },
  ],
  format: String,
  axisLanguage: 'en',
});
const draw = (chart: ChartSpec) => drawCharts([chart])[0]!;

/** The server-drawn line chart: the same bytes whatever was drawn before, gaps kept, disagreements marked. */
describe('line chart', () => {
  it('draws the same chart to the same bytes after other charts, with no renderer-counted names', () => {
    const first = draw(lineChart(input('c')));
    for (let i = 0; i < 3; i++) {
      draw(lineChart(input(`other-${i}`)));
      draw(comparisonChart({ id: `bars-${i}`, title: 't', description: 'd', categories: ['x'], series: [{ name: 'n', values: [1], color: PALETTE.later }], format: String }));
    }
    expect(draw(lineChart(input('c')))).toBe(first);
    expect(first).not.toMatch(/zr\d+-/);
    expect(first).not.toMatch(/\sstyle=|<style/);
  });

  it('breaks the line at a missing value instead of drawing it at zero, and marks flagged points as ringed diamonds', () => {
    const svg = draw(lineChart(input('c')));
    const lines = [...svg.matchAll(/<path d="(M[^"]*)" fill="none" stroke="([^"]+)" stroke-width="2"/g)];
    const one = lines.find((l) => l[2] === PALETTE.later)![1]!;
    // Two runs: the points before the gap, then the point after it.
    expect(one.match(/M/g)).toHaveLength(2);
    expect(svg.match(/d="M0 -1L1 0L0 1L-1 0Z"[^>]*stroke="#a4161a"/g)).toHaveLength(2);
    expect(svg).toContain('<title id="c-title">title</title><desc id="c-desc">description</desc>');
    expect(svg).toMatch(/>20<\/text>/);
  });
});
