import { describe, expect, it } from 'vitest';
import { barChart, niceTicks, SERIES_FILLS } from '../../src/http/pages/svg-chart.js';

const spec = {
  id: 'placed',
  title: 'Certified and placed <by quarter>',
  groups: ['2026-Q1', '2026-Q2'],
  series: [
    { label: 'certified', values: [40, 20] },
    { label: 'placed', values: [10, null] },
  ],
  suppressedLabel: 'fewer than 5',
  emptyLabel: 'No data yet',
};

const bars = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" fill="(#[0-9a-f]+)" data-value="([^"]+)">/g,
    ),
  ].map((m) => ({ y: Number(m[1]), height: Number(m[2]), fill: m[3], value: Number(m[4]) }));

describe('server-drawn bar charts', () => {
  it('draws one bar per known value, heights proportional to the values, one colour per series', () => {
    const svg = barChart(spec);
    const drawn = bars(svg);
    expect(drawn.map((b) => b.value)).toEqual([40, 10, 20]);
    const per = drawn.map((b) => b.height / b.value);
    for (const ratio of per) expect(ratio).toBeCloseTo(per[0]!, 1);
    expect(drawn.map((b) => b.fill)).toEqual([SERIES_FILLS[0], SERIES_FILLS[1], SERIES_FILLS[0]]);
    // all bars stand on the same baseline
    const bottoms = drawn.map((b) => b.y + b.height);
    for (const bottom of bottoms) expect(bottom).toBeCloseTo(bottoms[0]!, 0);
  });

  it('a suppressed cell is an empty outlined slot of fixed size, with no value anywhere in the markup', () => {
    const svg = barChart(spec);
    expect(svg.match(/data-suppressed/g)).toHaveLength(1);
    expect(svg).toContain('2026-Q2, placed: fewer than 5');
    // the table says the same, never a number
    expect(svg).toMatch(/<th scope="row">2026-Q2<\/th><td>20<\/td><td>fewer than 5<\/td>/);
  });

  it('escapes every text it was given', () => {
    const svg = barChart({ ...spec, groups: ['<script>', 'Q"2'], series: [{ label: '&x', values: [1, 2] }] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('Q&quot;2');
    expect(svg).toContain('&amp;x');
    expect(svg).toContain('Certified and placed &lt;by quarter&gt;');
  });

  it('is labelled for assistive technology and carries its numbers as a table', () => {
    const svg = barChart(spec);
    expect(svg).toMatch(/<svg [^>]*role="img" aria-labelledby="placed-title"/);
    expect(svg).toContain('<figcaption id="placed-title">');
    expect(svg).toContain('<table class="chart-data">');
  });

  it('without groups or series it says there is no data instead of drawing an empty frame', () => {
    expect(barChart({ ...spec, groups: [] })).toContain('data-chart-empty');
    expect(barChart({ ...spec, groups: [] })).not.toContain('<svg');
    expect(barChart({ ...spec, series: [] })).toContain('No data yet');
  });

  it('formats ticks and labels with the given formatter', () => {
    const svg = barChart({ ...spec, format: (v) => `${v}%` });
    expect(svg).toContain('>40%<');
  });

  it('ticks step by 1, 2 or 5 times a power of ten and reach the maximum', () => {
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(41)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0.9)).toEqual([0, 0.5, 1]);
    expect(niceTicks(12500)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [3, 17, 99, 101, 18000, 0.03]) {
      const t = niceTicks(max);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(6);
    }
  });
});
